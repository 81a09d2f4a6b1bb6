/**
 * bench/emulator's cold password comparator: `USER_PASSWORD_AUTH` sign-ins where every sign-in is
 * the first of its user, so the emulator's memo of recent successful password checks (five minutes)
 * never answers and each one pays scrypt (the memo is the emulator's own shortcut). The users are
 * made before any timing, each used once in the whole run (not once per round: a user reused within
 * five minutes would be warm again).
 */
import { cpus } from 'node:os';
import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { runCount } from '../common.js';

export interface ColdTarget {
  sdk: CognitoIdentityProvider;
  clientId: string;
  userPoolId: string;
}

/** How many successful checks `PasswordHasher` remembers (its `memoSize`). */
const MEMO_SIZE = 10_000;

/**
 * The least scrypt at the emulator's default cost (2^12) costs here is about 8 ms of CPU, so one
 * server cannot verify more than 125 passwords a second per core: enough users for that rate over
 * every cold second of the run never run out.
 */
export function coldUsersNeeded(options: { seconds: number; signIns: number; warmUsers: number }): number {
  const ceilingPerSecond = 125 * cpus().length;
  const needed = Math.ceil(options.seconds * ceilingPerSecond + options.signIns);
  // The memo keeps 10,000 checks and forgets the oldest first: more cold users would push the warm
  // run's out of it (on machines with more cores, where the users would then run out first instead).
  return Math.min(needed, MEMO_SIZE - options.warmUsers);
}

const coldName = (i: number) => `cold${i}@bench.test`;

/**
 * `count` confirmed users with `password`, 16 requests in flight: SignUp then AdminConfirmSignUp,
 * one scrypt each at the server's default cost (AdminCreateUser then a permanent AdminSetUserPassword
 * hashes twice: a temporary password, then the real one). Returns the seconds it took.
 */
export async function createColdUsers(target: ColdTarget, count: number, password: string): Promise<number> {
  const started = performance.now();
  const { errors } = await runCount(
    async (i) => {
      const Username = coldName(i);
      await target.sdk.signUp({ ClientId: target.clientId, Username, Password: password });
      await target.sdk.adminConfirmSignUp({ UserPoolId: target.userPoolId, Username });
    },
    { concurrency: 16, count },
  );
  if (errors) throw new Error(`cold users: ${errors} of ${count} could not be created`);
  return (performance.now() - started) / 1000;
}

/**
 * A sign-in task that takes the next never-used user at each call, whatever index the caller
 * passes; it throws once the users run out rather than sign one in twice.
 */
export function coldSignIn(target: ColdTarget, users: number, password: string) {
  let next = 0;
  const task = async () => {
    if (next >= users) throw new Error(`cold users: all ${users} used`);
    const result = await target.sdk.initiateAuth({
      ClientId: target.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: coldName(next++), PASSWORD: password },
    });
    if (!result.AuthenticationResult?.AccessToken) throw new Error('USER_PASSWORD_AUTH gave no tokens');
  };
  return { task, used: () => next };
}
