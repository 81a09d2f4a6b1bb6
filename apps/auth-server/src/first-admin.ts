import { CognitoAdminService, type CognitoErrorCode, CognitoException, isCognitoError } from 'nest-cognito';

/**
 * Makes sure the first administrator exists: the admin group, and a confirmed user with the given
 * email and password in it. An existing user keeps its password (it may have changed it since);
 * only its membership is ensured. Safe to run at every start.
 */
export async function ensureFirstAdmin(
  admin: CognitoAdminService,
  account: { email: string; password: string },
  group: string,
): Promise<'created' | 'existing'> {
  await admin
    .createGroup({ name: group, description: 'May use the /admin API' })
    .catch(ignore('GROUP_EXISTS'));
  let outcome: 'created' | 'existing' = 'existing';
  const found = await admin.getUser(account.email).catch(ignore('USER_NOT_FOUND'));
  if (!found) {
    await admin.createUser({ email: account.email, sendInvitation: false });
    await admin.setPassword(account.email, account.password, true);
    outcome = 'created';
  }
  await admin.addToGroups(account.email, [group]);
  return outcome;
}

/** A `catch` handler that lets one error code pass (as `undefined`) and throws every other error. */
function ignore(code: CognitoErrorCode) {
  return (error: unknown): undefined => {
    if (isCognitoError(error, code)) return undefined;
    throw error;
  };
}

/** Errors that may pass: Cognito unreachable, throttling, a failure on Cognito's side. */
function isTransient(error: unknown): boolean {
  return error instanceof CognitoException && (error.getStatus() >= 500 || error.getStatus() === 429);
}

/**
 * Runs `ensureFirstAdmin` without holding up the server: while Cognito is away it tries again,
 * waiting 1 s, 2 s, 4 s ... up to `maxDelayMs` between attempts, until it succeeds, fails for
 * good (a password the pool refuses, say) or `signal` aborts. Every outcome is reported.
 */
export async function ensureFirstAdminInBackground(
  run: () => Promise<'created' | 'existing'>,
  report: {
    done(outcome: 'created' | 'existing'): void;
    retrying(error: unknown, delayMs: number): void;
    failed(error: unknown): void;
  },
  options: { signal: AbortSignal; firstDelayMs?: number; maxDelayMs?: number },
): Promise<void> {
  let delay = options.firstDelayMs ?? 1000;
  while (!options.signal.aborted) {
    try {
      report.done(await run());
      return;
    } catch (error) {
      if (!isTransient(error)) return report.failed(error);
      if (options.signal.aborted) return;
      report.retrying(error, delay);
      await sleep(delay, options.signal);
      delay = Math.min(delay * 2, options.maxDelayMs ?? 30_000);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
