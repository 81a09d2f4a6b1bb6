import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthChallenge, type CognitoException, isChallenge, type SignInResult } from '../src/index.js';
import { readClaims } from '../src/tokens/token-claims.js';
import {
  type CustomClient,
  type CustomCognito,
  type CustomPool,
  otherThan,
  startCustomCognito,
} from './custom-auth-fixture.js';
import { servicesFor } from './helpers.js';

// Custom authentication through CognitoAuthService against the emulator, over the real AWS SDK:
// the pool's define, create and verify triggers (a magic code, run in process) lead the sign-in;
// public, secret and admin clients; wrong answers, failure, clientMetadata; pools without the
// triggers, triggers that throw or answer nonsense, a client without ALLOW_CUSTOM_AUTH.

let cognito: CustomCognito;
async function authFor(pool: CustomPool = 'custom', client: CustomClient = 'public') {
  return (await servicesFor(cognito.options(pool, client))).auth;
}

beforeAll(async () => {
  cognito = await startCustomCognito();
});
afterAll(() => cognito?.stop());

function challengeOf(result: SignInResult): AuthChallenge {
  expect(isChallenge(result), JSON.stringify(result)).toBe(true);
  return result as AuthChallenge;
}
function tokensOf(result: SignInResult) {
  expect(isChallenge(result), JSON.stringify(result)).toBe(false);
  return result as Exclude<SignInResult, AuthChallenge>;
}
const answerOf = (email: string, challenge: AuthChallenge, answer: string) =>
  ({ email, session: challenge.session, challenge: 'CUSTOM_CHALLENGE', answer }) as const;

describe('signInWithCustomChallenge', () => {
  it.each<CustomClient>(['public', 'secret', 'admin'])(
    '%s client: CUSTOM_CHALLENGE with the public parameters (no USERNAME); the emailed code gives tokens',
    async (client) => {
      const auth = await authFor('custom', client);
      const { email, sub } = await cognito.user('custom', cognito.newEmail(`code-${client}`));
      const challenge = challengeOf(await auth.signInWithCustomChallenge(email));
      expect(challenge).toEqual({
        challenge: 'CUSTOM_CHALLENGE',
        session: expect.any(String),
        requiredAttributes: [],
        parameters: { delivery: 'EMAIL', email },
      });
      const code = cognito.lastCode(email);
      expect(code).toMatch(/^\d{6}$/);
      const tokens = tokensOf(await auth.respondToChallenge(answerOf(email, challenge, code)));
      expect(readClaims(tokens.accessToken)).toMatchObject({ token_use: 'access', sub });
      expect(readClaims(tokens.idToken)).toMatchObject({ email });
      expect(tokens.refreshToken).toEqual(expect.any(String));
    },
  );

  it('a wrong answer gives the next round under a new session, with a new code; that code signs in', async () => {
    const auth = await authFor();
    const { email } = await cognito.user('custom', cognito.newEmail('retry'));
    const first = challengeOf(await auth.signInWithCustomChallenge(email));
    const firstCode = cognito.lastCode(email);
    const second = challengeOf(await auth.respondToChallenge(answerOf(email, first, otherThan(firstCode))));
    expect(second).toMatchObject({ challenge: 'CUSTOM_CHALLENGE', parameters: { delivery: 'EMAIL', email } });
    expect(second.session).not.toBe(first.session);
    // The first session was spent by its (wrong) answer.
    await expect(auth.respondToChallenge(answerOf(email, first, firstCode))).rejects.toMatchObject({
      status: 401,
      code: 'NOT_AUTHORIZED',
    });
    tokensOf(await auth.respondToChallenge(answerOf(email, second, cognito.lastCode(email))));
  });

  it('the define trigger failing the sign-in (three wrong answers) is 401 NOT_AUTHORIZED', async () => {
    const auth = await authFor();
    const { email } = await cognito.user('custom', cognito.newEmail('fail'));
    let challenge = challengeOf(await auth.signInWithCustomChallenge(email));
    for (let round = 1; round < 3; round++) {
      const wrong = otherThan(cognito.lastCode(email));
      challenge = challengeOf(await auth.respondToChallenge(answerOf(email, challenge, wrong)));
    }
    await expect(
      auth.respondToChallenge(answerOf(email, challenge, otherThan(cognito.lastCode(email)))),
    ).rejects.toMatchObject({
      status: 401,
      code: 'NOT_AUTHORIZED',
      cognitoName: 'NotAuthorizedException',
      response: { message: 'Incorrect username or password.' },
    });
  });

  it('an unknown email gets a challenge like anyone (the pool hides users) and can never sign in', async () => {
    const auth = await authFor();
    const email = cognito.newEmail('nobody');
    const challenge = challengeOf(await auth.signInWithCustomChallenge(email));
    expect(challenge.parameters).toMatchObject({ delivery: 'EMAIL' });
    expect(challenge.parameters).not.toHaveProperty('USERNAME');
    await expect(auth.respondToChallenge(answerOf(email, challenge, '123456'))).resolves.toMatchObject({
      challenge: 'CUSTOM_CHALLENGE',
    });
  });

  it('clientMetadata: the start’s reaches pre authentication only; the answer’s reaches the challenge triggers', async () => {
    const auth = await authFor();
    const { email } = await cognito.user('custom', cognito.newEmail('metadata'));
    const challenge = challengeOf(
      await auth.signInWithCustomChallenge(email, { clientMetadata: { app: 'web' } }),
    );
    await auth.respondToChallenge({
      ...answerOf(email, challenge, cognito.lastCode(email)),
      clientMetadata: { redirectUri: 'https://app.example.com/in' },
    });
    const lastVerify = cognito.events('custom', 'VerifyAuthChallengeResponse_Authentication').at(-1)!;
    expect(lastVerify.request.clientMetadata).toEqual({ redirectUri: 'https://app.example.com/in' });
    const lastDefine = cognito.events('custom', 'DefineAuthChallenge_Authentication').at(-1)!;
    expect(lastDefine.request.clientMetadata).toEqual({ redirectUri: 'https://app.example.com/in' });
  });
});

describe('custom authentication’s failures, mapped', () => {
  it('a pool without the triggers is 502 POOL_MISCONFIGURED', async () => {
    const auth = await authFor('no-triggers');
    const { email } = await cognito.user('no-triggers', cognito.newEmail('bare'));
    await expect(auth.signInWithCustomChallenge(email)).rejects.toMatchObject({
      status: 502,
      code: 'POOL_MISCONFIGURED',
      cognitoName: 'InvalidParameterException',
    });
  });

  it('a define trigger that throws is 400 REJECTED_BY_TRIGGER with its message', async () => {
    const auth = await authFor('throws');
    const { email } = await cognito.user('throws', cognito.newEmail('throws'));
    const error = await auth.signInWithCustomChallenge(email).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 400,
      code: 'REJECTED_BY_TRIGGER',
      cognitoName: 'UserLambdaValidationException',
    });
    expect((error as CognitoException).getResponse()).toMatchObject({
      message: expect.stringMatching(/No sign-in today/),
    });
  });

  it('a define trigger answering nonsense is 502 TRIGGER_FAILED', async () => {
    const auth = await authFor('garbled');
    const { email } = await cognito.user('garbled', cognito.newEmail('garbled'));
    await expect(auth.signInWithCustomChallenge(email)).rejects.toMatchObject({
      status: 502,
      code: 'TRIGGER_FAILED',
      cognitoName: 'InvalidLambdaResponseException',
    });
  });

  it('a client without ALLOW_CUSTOM_AUTH is 502 CLIENT_MISCONFIGURED', async () => {
    const auth = await authFor('custom', 'no-custom-client');
    const { email } = await cognito.user('custom', cognito.newEmail('flowless'));
    await expect(auth.signInWithCustomChallenge(email)).rejects.toMatchObject({
      status: 502,
      code: 'CLIENT_MISCONFIGURED',
    });
  });
});
