import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoUserPool, CognitoUserSession } from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { confirmedUser, consoleDefaultPool } from './clients/console-pool.js';
import {
  authenticate,
  changePassword,
  getSession,
  globalSignOut,
  refreshSession,
  userOf,
  userPoolOf,
} from './clients/identity-js.js';
import { recordCognitoCalls, type RequestLog } from './clients/request-log.js';
import { verifyUserPoolTokens } from './clients/verify-tokens.js';
import { emulatorWithSdk, PASSWORD } from './helpers.js';

// amazon-cognito-identity-js with its default flow (USER_SRP_AUTH) on the app client the AWS
// console makes (SRP and refresh only): sessions, refresh, password change, global sign-out, and
// the names a user signs in with. Sign-up, attributes, forgotten passwords and the password flow
// are in identity-js.test.ts; wrong passwords and NEW_PASSWORD_REQUIRED over SRP in srp.test.ts.
const NEW_PASSWORD = 'N3w-Passw0rd!';

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
let log: RequestLog;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
  log = recordCognitoCalls(emulator.endpoint);
});
beforeEach(() => void log.take());
afterAll(async () => {
  log?.stop();
  await emulator?.stop();
});

const tokensOf = (session: CognitoUserSession) => ({
  accessToken: session.getAccessToken().getJwtToken(),
  idToken: session.getIdToken().getJwtToken(),
  refreshToken: session.getRefreshToken().getToken(),
});

/** The SRP exchange the library made: InitiateAuth USER_SRP_AUTH, then PASSWORD_VERIFIER. */
function expectSrpExchange() {
  const calls = log.take();
  expect(calls.map((c) => c.target)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
  expect(calls[0]!.request).toMatchObject({ AuthFlow: 'USER_SRP_AUTH' });
  expect(calls[1]!.request).toMatchObject({ ChallengeName: 'PASSWORD_VERIFIER' });
  return {
    challenge: calls[0]!.response.ChallengeParameters as Record<string, string>,
    answer: calls[1]!.request.ChallengeResponses as Record<string, string>,
  };
}

describe('amazon-cognito-identity-js sessions on the console-default client', () => {
  let pool: { poolId: string; clientId: string };
  let userPool: CognitoUserPool;
  beforeAll(async () => {
    pool = await consoleDefaultPool(cognito);
    userPool = userPoolOf(emulator.endpoint, pool);
  });

  it('authenticateUser signs in with SRP; getSession gives the stored, valid session', async () => {
    await confirmedUser(cognito, pool.poolId, 'grace', PASSWORD, 'grace@example.com');
    const session = await authenticate(userOf(userPool, 'grace'), PASSWORD);
    expect(expectSrpExchange().challenge.USER_ID_FOR_SRP).toBe('grace');

    const current = userPool.getCurrentUser();
    expect(current?.getUsername()).toBe('grace');
    const stored = await getSession(current!);
    expect(log.take()).toEqual([]);
    expect(stored.isValid()).toBe(true);
    expect(tokensOf(stored)).toEqual(tokensOf(session));
    const { access, id } = await verifyUserPoolTokens(emulator.endpoint, pool, tokensOf(stored));
    expect(access).toMatchObject({ username: 'grace', token_use: 'access', client_id: pool.clientId });
    expect(id).toMatchObject({ 'cognito:username': 'grace', email: 'grace@example.com', sub: access.sub });
  });

  it('refreshSession: new access and ID tokens, the same refresh token', async () => {
    await confirmedUser(cognito, pool.poolId, 'hopper', PASSWORD, 'hopper@example.com');
    const user = userOf(userPool, 'hopper');
    const before = tokensOf(await authenticate(user, PASSWORD));
    log.take();

    const after = tokensOf(await refreshSession(user, (await getSession(user)).getRefreshToken()));
    const calls = log.take();
    expect(calls.map((c) => c.target)).toEqual(['InitiateAuth']);
    expect(calls[0]!.request).toMatchObject({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: before.refreshToken },
    });
    // No rotation on this client: the answer carries no refresh token, the library keeps its own.
    expect(Object.keys(calls[0]!.response.AuthenticationResult as object).sort()).toEqual([
      'AccessToken',
      'ExpiresIn',
      'IdToken',
      'TokenType',
    ]);
    expect(after.refreshToken).toBe(before.refreshToken);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.idToken).not.toBe(before.idToken);
    const { access } = await verifyUserPoolTokens(emulator.endpoint, pool, after);
    expect(access.username).toBe('hopper');
    expect(tokensOf(await getSession(user))).toEqual(after);
  });

  it('changePassword on an SRP session: SRP then proves the new password, not the old', async () => {
    await confirmedUser(cognito, pool.poolId, 'lovelace', PASSWORD, 'lovelace@example.com');
    const user = userOf(userPool, 'lovelace');
    await authenticate(user, PASSWORD);
    log.take();
    await changePassword(user, PASSWORD, NEW_PASSWORD);
    expect(log.take().map((c) => c.target)).toEqual(['ChangePassword']);

    await expect(authenticate(userOf(userPool, 'lovelace'), PASSWORD)).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect((await authenticate(userOf(userPool, 'lovelace'), NEW_PASSWORD)).isValid()).toBe(true);
  });

  it('globalSignOut: refreshSession with the old refresh token then fails as AWS says', async () => {
    await confirmedUser(cognito, pool.poolId, 'turing', PASSWORD, 'turing@example.com');
    const user = userOf(userPool, 'turing');
    const session = await authenticate(user, PASSWORD);
    // Before: the refresh token refreshes (so that the refusal below is the sign-out's doing).
    await refreshSession(user, session.getRefreshToken());
    log.take();

    await globalSignOut(user);
    expect(log.take().map((c) => [c.target, c.response])).toEqual([['GlobalSignOut', {}]]);
    // The library retries a failed refresh with backoff (a few seconds); every answer is AWS's.
    await expect(refreshSession(user, session.getRefreshToken())).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
    const refreshes = log.take();
    expect(refreshes.length).toBeGreaterThan(0);
    for (const call of refreshes)
      expect(call).toMatchObject({
        target: 'InitiateAuth',
        request: { AuthFlow: 'REFRESH_TOKEN_AUTH' },
        response: { __type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' },
      });
    await expect(
      cognito.getUser({ AccessToken: session.getAccessToken().getJwtToken() }),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
  });
});

describe('amazon-cognito-identity-js and the names a user signs in with', () => {
  it('signs in with the email where the user name is the sub: USER_ID_FOR_SRP is the sub', async () => {
    const pool = await consoleDefaultPool(cognito, { usernameAttributes: ['email'], caseSensitive: false });
    const userPool = userPoolOf(emulator.endpoint, pool);
    const sub = await confirmedUser(
      cognito,
      pool.poolId,
      'noether@example.com',
      PASSWORD,
      'noether@example.com',
    );
    expect(sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const user = userOf(userPool, 'noether@example.com');
    const session = await authenticate(user, PASSWORD);
    const { challenge, answer } = expectSrpExchange();
    expect(challenge).toMatchObject({ USERNAME: sub, USER_ID_FOR_SRP: sub });
    expect(answer.USERNAME).toBe(sub);
    // The library goes on under the sub: it names the stored session and signs the refresh.
    expect(user.getUsername()).toBe(sub);
    expect(userPool.getCurrentUser()?.getUsername()).toBe(sub);
    const { id } = await verifyUserPoolTokens(emulator.endpoint, pool, tokensOf(session));
    expect(id).toMatchObject({ sub, 'cognito:username': sub, email: 'noether@example.com' });
    const refreshed = await refreshSession(user, session.getRefreshToken());
    expect(refreshed.getIdToken().payload.sub).toBe(sub);
    log.take();

    // The pool ignores case (as the console's new pools do), in the email too.
    await authenticate(userOf(userPool, 'Noether@Example.COM'), PASSWORD);
    expect(expectSrpExchange().challenge.USER_ID_FOR_SRP).toBe(sub);
  });

  it('signs in with a differently-cased user name where the pool ignores case', async () => {
    const pool = await consoleDefaultPool(cognito, { caseSensitive: false });
    const userPool = userPoolOf(emulator.endpoint, pool);
    const username = await confirmedUser(cognito, pool.poolId, 'Grace.Hopper', PASSWORD, 'gh@example.com');

    for (const name of ['grace.hopper', 'GRACE.HOPPER']) {
      const session = await authenticate(userOf(userPool, name), PASSWORD);
      // One user, one identity for SRP, whatever the case typed.
      expect(expectSrpExchange().challenge.USER_ID_FOR_SRP).toBe(username);
      expect(session.getAccessToken().payload.username).toBe(username);
    }
  });

  it('refuses a differently-cased user name where the pool is case-sensitive', async () => {
    const pool = await consoleDefaultPool(cognito, { caseSensitive: true });
    const userPool = userPoolOf(emulator.endpoint, pool);
    await confirmedUser(cognito, pool.poolId, 'Grace.Hopper', PASSWORD, 'gh@example.com');
    await expect(authenticate(userOf(userPool, 'grace.hopper'), PASSWORD)).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect((await authenticate(userOf(userPool, 'Grace.Hopper'), PASSWORD)).isValid()).toBe(true);
  });
});
