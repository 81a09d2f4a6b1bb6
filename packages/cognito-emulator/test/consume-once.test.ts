import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emailPool, emulatorWithSdk, PASSWORD, race, rejection, signedInUser } from './helpers.js';
import { contextOf } from '../src/start.js';

/**
 * Everything single-use is used once, however many requests race for it: each race below sends N
 * uses at once and checks that exactly one succeeded, the others got AWS's error, and the store
 * agrees.
 */
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
const N = 10;
const NEW_PASSWORD = 'Ch0sen-by-me!';

beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
});
afterAll(() => emulator.stop());

const codeFor = (to: string) => emulator.messages({ to }).at(-1)!.code!;

async function challenged(email: string) {
  const pool = await emailPool(cognito);
  await cognito.adminCreateUser({
    UserPoolId: pool.poolId,
    Username: email,
    TemporaryPassword: 'Temp-Passw0rd!',
    MessageAction: 'SUPPRESS',
  });
  const { Session } = await cognito.initiateAuth({
    ClientId: pool.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD: 'Temp-Passw0rd!' },
  });
  return { ...pool, session: Session! };
}

describe('a NEW_PASSWORD_REQUIRED session answers once', () => {
  it(`${N} parallel answers: one gets tokens, the others "Invalid session for the user."`, async () => {
    const email = 'session-race@example.com';
    const { clientId, poolId, session } = await challenged(email);
    const { won, lost } = await race(N, (i) =>
      cognito.respondToAuthChallenge({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: `${NEW_PASSWORD}${i}` },
      }),
    );
    expect(won).toHaveLength(1);
    expect(won[0]!.AuthenticationResult?.AccessToken).toBeDefined();
    for (const error of lost)
      expect(error).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Invalid session for the user.',
      });
    // The store agrees: the user is confirmed with the winner's password, and only that one.
    const user = await cognito.adminGetUser({ UserPoolId: poolId, Username: email });
    expect(user.UserStatus).toBe('CONFIRMED');
    const me = await cognito.getUser({ AccessToken: won[0]!.AuthenticationResult!.AccessToken! });
    const signIns = await race(N, (i) =>
      cognito.initiateAuth({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: `${NEW_PASSWORD}${i}` },
      }),
    );
    expect(signIns.won).toHaveLength(1);
    expect(me.Username).toBe(user.Username);
  });

  it('a wrong answer (a password the policy refuses) leaves the session for a corrected one', async () => {
    const email = 'session-correct@example.com';
    const { clientId, poolId, session } = await challenged(email);
    const answer = (password: string) =>
      cognito.respondToAuthChallenge({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: password },
      });
    const weak = await race(N, () => answer('weak'));
    expect(weak.lost.map((e) => e.name)).toEqual(Array(N).fill('InvalidPasswordException'));
    // Another user's email as a new attribute is refused while the answer can still be corrected.
    await cognito.adminCreateUser({
      UserPoolId: poolId,
      Username: 'someone-else@example.com',
      MessageAction: 'SUPPRESS',
    });
    expect(
      await rejection(
        cognito.respondToAuthChallenge({
          ClientId: clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: session,
          ChallengeResponses: {
            USERNAME: email,
            NEW_PASSWORD,
            'userAttributes.email': 'someone-else@example.com',
          },
        }),
      ),
    ).toMatchObject({ name: 'AliasExistsException' });
    const { won, lost } = await race(N, () => answer(NEW_PASSWORD));
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.name)).toEqual(Array(N - 1).fill('NotAuthorizedException'));
  });
});

describe('codes are used once', () => {
  it(`${N} parallel ConfirmSignUp with one code: one confirms, the others CodeMismatchException`, async () => {
    const { clientId, poolId } = await emailPool(cognito);
    const email = 'confirm-race@example.com';
    await cognito.signUp({ ClientId: clientId, Username: email, Password: PASSWORD });
    const code = codeFor(email);
    const { won, lost } = await race(N, () =>
      cognito.confirmSignUp({ ClientId: clientId, Username: email, ConfirmationCode: code }),
    );
    expect(won).toHaveLength(1);
    // The losers find the user confirmed (AWS: NotAuthorizedException) or the code gone.
    for (const error of lost)
      expect(['NotAuthorizedException', 'CodeMismatchException']).toContain(error.name);
    const user = await cognito.adminGetUser({ UserPoolId: poolId, Username: email });
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(codesOf(poolId, user.Username!)).toEqual([]);
  });

  it(`${N} parallel ConfirmForgotPassword with one code: one password is set, the others CodeMismatchException`, async () => {
    const email = 'reset-race@example.com';
    const { clientId, poolId } = await signedInUser(emulator, cognito, email);
    await cognito.forgotPassword({ ClientId: clientId, Username: email });
    const code = codeFor(email);
    const { won, lost } = await race(N, (i) =>
      cognito.confirmForgotPassword({
        ClientId: clientId,
        Username: email,
        ConfirmationCode: code,
        Password: `${NEW_PASSWORD}${i}`,
      }),
    );
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.name)).toEqual(Array(N - 1).fill('CodeMismatchException'));
    const passwords = await race(N, (i) =>
      cognito.initiateAuth({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: `${NEW_PASSWORD}${i}` },
      }),
    );
    expect(passwords.won).toHaveLength(1);
    const user = await cognito.adminGetUser({ UserPoolId: poolId, Username: email });
    expect(codesOf(poolId, user.Username!)).toEqual([]);
  });

  it(`${N} parallel VerifyUserAttribute with one code: one verifies, the others CodeMismatchException`, async () => {
    const email = 'verify-race@example.com';
    const { tokens, poolId } = await signedInUser(emulator, cognito, email);
    await cognito.updateUserAttributes({
      AccessToken: tokens.AccessToken!,
      UserAttributes: [{ Name: 'email', Value: 'verify-race-new@example.com' }],
    });
    const code = codeFor('verify-race-new@example.com');
    const { won, lost } = await race(N, () =>
      cognito.verifyUserAttribute({ AccessToken: tokens.AccessToken!, AttributeName: 'email', Code: code }),
    );
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.name)).toEqual(Array(N - 1).fill('CodeMismatchException'));
    const user = await cognito.adminGetUser({ UserPoolId: poolId, Username: 'verify-race-new@example.com' });
    expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
    expect(codesOf(poolId, user.Username!)).toEqual([]);
  });
});

describe('revoked refresh tokens stay revoked', () => {
  it(`${N} parallel GlobalSignOut with one access token: one succeeds, the others "Access Token has been revoked"`, async () => {
    const { tokens, clientId } = await signedInUser(emulator, cognito, 'global-race@example.com');
    const { won, lost } = await race(N, () => cognito.globalSignOut({ AccessToken: tokens.AccessToken! }));
    expect(won).toHaveLength(1);
    for (const error of lost)
      expect(error).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Access Token has been revoked',
      });
    expect(
      await rejection(
        cognito.initiateAuth({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
        }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
  });

  it(`RevokeToken racing ${N} refreshes: nothing minted from the token works once it is revoked`, async () => {
    const pool = await emailPool(cognito);
    await cognito.updateUserPoolClient({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      EnableTokenRevocation: true,
    });
    const email = 'revoke-race@example.com';
    await cognito.adminCreateUser({
      UserPoolId: pool.poolId,
      Username: email,
      MessageAction: 'SUPPRESS',
    });
    await cognito.adminSetUserPassword({
      UserPoolId: pool.poolId,
      Username: email,
      Password: PASSWORD,
      Permanent: true,
    });
    const { AuthenticationResult } = await cognito.initiateAuth({
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    });
    const refresh = () =>
      cognito.initiateAuth({
        ClientId: pool.clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! },
      });
    const [revoked, refreshes] = await Promise.all([
      race(N, () =>
        cognito.revokeToken({ ClientId: pool.clientId, Token: AuthenticationResult!.RefreshToken! }),
      ),
      race(N, refresh),
    ]);
    // RevokeToken is idempotent (RFC 7009): every call succeeds.
    expect(revoked.won).toHaveLength(N);
    for (const error of refreshes.lost)
      expect(error).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Refresh Token has been revoked',
      });
    // Whatever a refresh minted before the revocation is revoked with it.
    for (const minted of refreshes.won) {
      expect(
        await rejection(cognito.getUser({ AccessToken: minted.AuthenticationResult!.AccessToken! })),
      ).toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
    }
    expect(await rejection(refresh())).toMatchObject({ message: 'Refresh Token has been revoked' });
    const session = contextOf(emulator).tokens.findSession(AuthenticationResult!.RefreshToken!);
    expect(session?.revoked).toBe(1);
  });
});

/** The live codes the store holds for a user. */
function codesOf(poolId: string, username: string): unknown[] {
  return contextOf(emulator)
    .db.prepare('SELECT purpose FROM codes WHERE pool_id = ? AND username = ?')
    .all(poolId, username);
}
