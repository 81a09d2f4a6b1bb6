import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { createAmplifyContext } from 'aws-amplify';
import {
  confirmSignIn,
  confirmSignUp,
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  signIn,
  signOut,
  signUp,
  updatePassword,
} from 'aws-amplify/auth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { configureAmplify } from './clients/amplify.js';
import { consoleDefaultClient, consoleDefaultPool } from './clients/console-pool.js';
import { MemoryKeyValueStorage } from './clients/memory-storage.js';
import { recordCognitoCalls, type RequestLog } from './clients/request-log.js';
import { verifyUserPoolTokens } from './clients/verify-tokens.js';
import { emulatorWithSdk, PASSWORD, rejection } from './helpers.js';

// Amplify v6, unchanged, on the app client the AWS console makes by default (SRP and refresh
// only): `userPoolEndpoint` is the only thing that points it at the emulator. Amplify keeps its
// state in module globals, so this file configures it once and every test signs out after itself.
const NEW_PASSWORD = 'N3w-Passw0rd!';

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
let pool: { poolId: string; clientId: string };
let log: RequestLog;
const storage = new MemoryKeyValueStorage();
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
  pool = await consoleDefaultPool(cognito, { usernameAttributes: ['email'] });
  configureAmplify(emulator, pool, storage);
  log = recordCognitoCalls(emulator.endpoint);
});
afterEach(async () => {
  await signOut();
  log.take();
});
afterAll(async () => {
  log?.stop();
  await emulator?.stop();
});

/** A user signed up and confirmed through Amplify, with the code the emulator "sent". */
async function registered(email: string) {
  await signUp({ username: email, password: PASSWORD, options: { userAttributes: { email, name: 'Ada' } } });
  const code = emulator.messages({ to: email }).at(-1)!.code!;
  return confirmSignUp({ username: email, confirmationCode: code });
}

/** The tokens Amplify holds now, as strings (the refresh token only from its storage). */
async function heldTokens() {
  const { tokens } = await fetchAuthSession();
  return {
    accessToken: tokens!.accessToken.toString(),
    idToken: tokens!.idToken!.toString(),
    refreshToken: storage.endingWith('.refreshToken')!,
  };
}

/** Both ways to refresh: Amplify's (GetTokensFromRefreshToken) and the older InitiateAuth flow. */
const refreshesWithSdk = (refreshToken: string) => [
  () => cognito.getTokensFromRefreshToken({ ClientId: pool.clientId, RefreshToken: refreshToken }),
  () =>
    cognito.initiateAuth({
      ClientId: pool.clientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
];

describe('Amplify v6 (aws-amplify/auth) against the emulator', () => {
  it('signs up and confirms with the code from the outbox', async () => {
    const email = 'amplify-signup@example.com';
    const signedUp = await signUp({
      username: email,
      password: PASSWORD,
      options: { userAttributes: { email, name: 'Ada' } },
    });
    expect(signedUp).toMatchObject({
      isSignUpComplete: false,
      nextStep: {
        signUpStep: 'CONFIRM_SIGN_UP',
        codeDeliveryDetails: { deliveryMedium: 'EMAIL', attributeName: 'email' },
      },
    });
    expect(signedUp.userId).toMatch(/^[0-9a-f-]{36}$/);
    const code = emulator.messages({ to: email }).at(-1)!.code!;
    expect(await confirmSignUp({ username: email, confirmationCode: code })).toMatchObject({
      isSignUpComplete: true,
      nextStep: { signUpStep: 'DONE' },
    });
    const { UserStatus } = await cognito.adminGetUser({ UserPoolId: pool.poolId, Username: email });
    expect(UserStatus).toBe('CONFIRMED');
  });

  it('signs in with SRP, its default, the only password flow the client allows', async () => {
    const email = 'amplify-srp@example.com';
    await registered(email);
    log.take();
    expect(await signIn({ username: email, password: PASSWORD })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    const calls = log.take();
    expect(calls.map((c) => c.target)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    expect(calls[0]!.request).toMatchObject({ AuthFlow: 'USER_SRP_AUTH', ClientId: pool.clientId });
    expect(Object.keys(calls[0]!.request.AuthParameters as object).sort()).toEqual(['SRP_A', 'USERNAME']);
    expect(calls[0]!.response).toMatchObject({ ChallengeName: 'PASSWORD_VERIFIER' });
    expect(calls[1]!.request).toMatchObject({ ChallengeName: 'PASSWORD_VERIFIER' });
    expect(calls[1]!.response.AuthenticationResult).toMatchObject({ TokenType: 'Bearer' });

    // The password flow, asked for by name, is refused: the client does not allow it.
    await signOut();
    expect(
      await rejection(
        signIn({ username: email, password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } }),
      ),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    });
  });

  it('refuses a wrong password with NotAuthorizedException and stays signed out', async () => {
    const email = 'amplify-wrong@example.com';
    await registered(email);
    expect(await rejection(signIn({ username: email, password: 'Wr0ng-Passw0rd!' }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect(await rejection(getCurrentUser())).toMatchObject({ name: 'UserUnAuthenticatedException' });
  });

  it('fetchAuthSession, getCurrentUser and fetchUserAttributes after sign-in', async () => {
    const email = 'amplify-session@example.com';
    await registered(email);
    await signIn({ username: email, password: PASSWORD });

    const { accessToken, idToken } = await heldTokens();
    const { access, id } = await verifyUserPoolTokens(emulator.endpoint, pool, { accessToken, idToken });
    expect(access).toMatchObject({ token_use: 'access', client_id: pool.clientId, username: access.sub });
    expect(id).toMatchObject({ token_use: 'id', email, name: 'Ada', 'cognito:username': access.sub });

    // In an email pool the user name is the `sub`; Amplify remembers the email used to sign in.
    expect(await getCurrentUser()).toEqual({
      username: access.sub,
      userId: access.sub,
      signInDetails: { loginId: email, authFlowType: 'USER_SRP_AUTH' },
    });
    expect(await fetchUserAttributes()).toEqual({
      sub: access.sub,
      email,
      email_verified: 'true',
      name: 'Ada',
    });
  });

  // Amplify 6.22 refreshes with GetTokensFromRefreshToken (not InitiateAuth REFRESH_TOKEN_AUTH).
  it('refreshes with fetchAuthSession({ forceRefresh: true })', async () => {
    const email = 'amplify-refresh@example.com';
    await registered(email);
    await signIn({ username: email, password: PASSWORD });
    const before = await heldTokens();
    log.take();

    const { tokens } = await fetchAuthSession({ forceRefresh: true });
    const calls = log.take();
    expect(calls.map((c) => c.target)).toEqual(['GetTokensFromRefreshToken']);
    expect(calls[0]!.request).toMatchObject({ ClientId: pool.clientId, RefreshToken: before.refreshToken });
    const after = { accessToken: tokens!.accessToken.toString(), idToken: tokens!.idToken!.toString() };
    expect(after.accessToken).not.toBe(before.accessToken);
    const { access } = await verifyUserPoolTokens(emulator.endpoint, pool, after);
    expect(access.sub).toBe(tokens!.accessToken.payload.sub);
    expect(storage.endingWith('.refreshToken')).toBe(before.refreshToken);
  });

  it('updatePassword: the new password signs in, the old one no longer does', async () => {
    const email = 'amplify-password@example.com';
    await registered(email);
    await signIn({ username: email, password: PASSWORD });
    await updatePassword({ oldPassword: PASSWORD, newPassword: NEW_PASSWORD });
    await signOut();

    expect(await rejection(signIn({ username: email, password: PASSWORD }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect(await signIn({ username: email, password: NEW_PASSWORD })).toMatchObject({ isSignedIn: true });
  });

  it('signOut({ global: true }) revokes the refresh token and the access token', async () => {
    const email = 'amplify-global@example.com';
    await registered(email);
    await signIn({ username: email, password: PASSWORD });
    const { accessToken, refreshToken } = await heldTokens();
    // Before: both work (so that the refusals below are the sign-out's doing).
    for (const refresh of refreshesWithSdk(refreshToken)) await refresh();
    await cognito.getUser({ AccessToken: accessToken });
    log.take();

    await signOut({ global: true });
    // Amplify swallows a failed GlobalSignOut: check that it was sent and answered.
    expect(log.take().map((c) => [c.target, c.response])).toEqual([['GlobalSignOut', {}]]);
    for (const refresh of refreshesWithSdk(refreshToken))
      expect(await rejection(refresh())).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Refresh Token has been revoked',
      });
    expect(await rejection(cognito.getUser({ AccessToken: accessToken }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    expect(await rejection(getCurrentUser())).toMatchObject({ name: 'UserUnAuthenticatedException' });
  });

  it('completes FORCE_CHANGE_PASSWORD (AdminCreateUser) with confirmSignIn', async () => {
    const email = 'amplify-invited@example.com';
    await cognito.adminCreateUser({
      UserPoolId: pool.poolId,
      Username: email,
      TemporaryPassword: 'Temp0rary-Pass!',
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
    });
    const first = await signIn({ username: email, password: 'Temp0rary-Pass!' });
    expect(first).toMatchObject({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED' },
    });
    expect(await confirmSignIn({ challengeResponse: NEW_PASSWORD })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect((await fetchAuthSession()).tokens?.idToken?.payload.email).toBe(email);
    const { UserStatus } = await cognito.adminGetUser({ UserPoolId: pool.poolId, Username: email });
    expect(UserStatus).toBe('CONFIRMED');

    await signOut();
    expect(await signIn({ username: email, password: NEW_PASSWORD })).toMatchObject({ isSignedIn: true });
  });

  it('cannot sign in on a client with a secret: Amplify sends no SECRET_HASH, AWS says so', async () => {
    const email = 'amplify-secret@example.com';
    await registered(email);
    const { clientId } = await consoleDefaultClient(cognito, pool.poolId, { secret: true });
    // A context of its own, so that the file's one global configuration stays as it is.
    const withSecret = createAmplifyContext({
      Auth: {
        Cognito: { userPoolId: pool.poolId, userPoolClientId: clientId, userPoolEndpoint: emulator.endpoint },
      },
    });
    expect(await rejection(signIn(withSecret, { username: email, password: PASSWORD }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
    });
    const calls = log.take();
    expect(calls.at(-1)).toMatchObject({ target: 'InitiateAuth', request: { ClientId: clientId } });
  });
});
