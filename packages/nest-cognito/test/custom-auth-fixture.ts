import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { randomInt } from 'node:crypto';
import {
  type CreateAuthChallengeTriggerEvent,
  type DefineAuthChallengeTriggerEvent,
  type LambdaHandler,
  type Seed,
  startEmulator,
  type VerifyAuthChallengeResponseTriggerEvent,
} from 'cognito-emulator';
import type { CognitoModuleOptions } from '../src/index.js';

// Custom authentication's pools for the library's tests: a magic-code sign-in written as
// applications write their define, create and verify auth challenge triggers (typed with the
// emulator's event types), run in process by the emulator, with the pools and clients that use it.

export const PASSWORD = 'Correct-horse-9';
const CREDENTIALS = { accessKeyId: 'emulator', secretAccessKey: 'emulator' };

/** The last code the create trigger "emailed" to each address: what the user would find in their mailbox. */
const mailbox = new Map<string, string>();

/** Three wrong codes fail the sign-in; a right one issues tokens; otherwise a new code. */
const define: LambdaHandler<DefineAuthChallengeTriggerEvent> = async (event) => {
  const rounds = event.request.session;
  const last = rounds.at(-1);
  if (last?.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult) event.response.issueTokens = true;
  else if (rounds.length >= 3) event.response.failAuthentication = true;
  else event.response.challengeName = 'CUSTOM_CHALLENGE';
  return event;
};

/** A new six-digit code each round, "sent" to the user's email; only the trigger and the mailbox know it. */
const create: LambdaHandler<CreateAuthChallengeTriggerEvent> = async (event) => {
  const email = event.request.userAttributes.email ?? '';
  const code = String(randomInt(100_000, 1_000_000));
  if (!event.request.userNotFound) mailbox.set(email, code);
  event.response.publicChallengeParameters = { delivery: 'EMAIL', email };
  event.response.privateChallengeParameters = { code };
  event.response.challengeMetadata = `CODE-${event.request.session.length + 1}`;
  return event;
};

const verify: LambdaHandler<VerifyAuthChallengeResponseTriggerEvent> = async (event) => {
  event.response.answerCorrect =
    event.request.challengeAnswer === event.request.privateChallengeParameters.code;
  return event;
};

/** The functions by name: the name in the pools' trigger ARNs. */
const FUNCTIONS: Record<string, LambdaHandler> = {
  define,
  create,
  verify,
  'define-throws': () => Promise.reject(new Error('No sign-in today')),
  'define-garbled': async (event: DefineAuthChallengeTriggerEvent) => ({
    ...event,
    response: { issueTokens: 'yes' },
  }),
};

const arnOf = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const triggers = (defineName = 'define') => ({
  DefineAuthChallenge: arnOf(defineName),
  CreateAuthChallenge: arnOf('create'),
  VerifyAuthChallengeResponse: arnOf('verify'),
});
const emailPool = (LambdaConfig?: Record<string, string>) => ({
  UsernameAttributes: ['email'],
  AutoVerifiedAttributes: ['email'],
  ...(LambdaConfig ? { LambdaConfig } : {}),
});
const flows = (...more: string[]) => ({
  ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', ...more, 'ALLOW_REFRESH_TOKEN_AUTH'],
});

/**
 * `custom`: the magic code, through a public client, one with a secret and one for the admin API;
 * `no-triggers`: a pool without them; `throws` and `garbled`: a define trigger that throws, or
 * answers what Cognito cannot read; `no-custom-client`: a client without ALLOW_CUSTOM_AUTH.
 */
const SEED: Seed = {
  pools: [
    {
      name: 'custom',
      settings: emailPool(triggers()),
      clients: [
        { name: 'public', settings: flows() },
        { name: 'secret', generateSecret: true, settings: flows() },
        { name: 'admin', settings: flows('ALLOW_ADMIN_USER_PASSWORD_AUTH') },
        { name: 'no-custom-client', settings: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] } },
      ],
    },
    { name: 'no-triggers', settings: emailPool(), clients: [{ name: 'public', settings: flows() }] },
    {
      name: 'throws',
      settings: emailPool(triggers('define-throws')),
      clients: [{ name: 'public', settings: flows() }],
    },
    {
      name: 'garbled',
      settings: emailPool(triggers('define-garbled')),
      clients: [{ name: 'public', settings: flows() }],
    },
  ],
};

export type CustomPool = 'custom' | 'no-triggers' | 'throws' | 'garbled';
export type CustomClient = 'public' | 'secret' | 'admin' | 'no-custom-client';

/** The emulator with the pools above and their functions in process; users made through Cognito's API. */
export async function startCustomCognito() {
  const emulator = await startEmulator({ port: 0, seed: SEED, passwordCost: 4, lambdas: FUNCTIONS });
  const sdk = new CognitoIdentityProvider({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
  let users = 0;
  const poolId = (pool: CustomPool) => emulator.pools[pool]!.id;
  return {
    emulator,
    poolId,
    options(pool: CustomPool, client: CustomClient = 'public'): CognitoModuleOptions {
      const c = emulator.pools[pool]!.clients[client]!;
      return {
        userPoolId: poolId(pool),
        clientId: c.id,
        ...(c.secret ? { clientSecret: c.secret } : {}),
        endpoint: emulator.endpoint,
        credentials: CREDENTIALS,
        authFlow: client === 'admin' ? 'ADMIN_USER_PASSWORD_AUTH' : 'USER_PASSWORD_AUTH',
      };
    },
    /** A new address each call, with a tag to tell apart the runs of a test file. */
    newEmail: (tag: string) => `${tag}-${++users}@example.com`,
    /** The last code the create trigger sent to an address ('' for none). */
    lastCode: (email: string) => mailbox.get(email) ?? '',
    /** A confirmed user with a password and a verified email; its `sub` too. */
    async user(pool: CustomPool, email: string) {
      const UserPoolId = poolId(pool);
      const { User } = await sdk.adminCreateUser({
        UserPoolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
      });
      await sdk.adminSetUserPassword({ UserPoolId, Username: email, Password: PASSWORD, Permanent: true });
      return { email, sub: User!.Username! };
    },
    /** The events a trigger of a pool received, oldest first. */
    events(pool: CustomPool, triggerSource: string) {
      return emulator
        .lambdaInvocations({ poolId: poolId(pool) })
        .filter((invocation) => invocation.triggerSource === triggerSource)
        .reverse()
        .map((invocation) => invocation.event as { userName: string; request: Record<string, unknown> });
    },
    stop: async () => {
      sdk.destroy();
      await emulator.stop();
    },
  };
}

export type CustomCognito = Awaited<ReturnType<typeof startCustomCognito>>;

/** A six-digit code that is not `code`. */
export const otherThan = (code: string) => (code === '000000' ? '111111' : '000000');
