import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
  type ISignUpResult,
} from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emailPool, emulatorWithSdk, PASSWORD } from './helpers.js';

// amazon-cognito-identity-js, a client nobody here wrote, unchanged: only its `endpoint` option
// points it at the emulator.
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
let userPool: CognitoUserPool;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
  const { poolId, clientId } = await emailPool(cognito);
  userPool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: emulator.endpoint });
});
afterAll(() => emulator.stop());

const lastCode = (to: string) => emulator.messages({ to }).at(-1)!.code!;

function userOf(email: string): CognitoUser {
  const user = new CognitoUser({ Username: email, Pool: userPool });
  user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  return user;
}

const signUp = (email: string, password: string) =>
  new Promise<ISignUpResult>((resolve, reject) =>
    userPool.signUp(
      email,
      password,
      [new CognitoUserAttribute({ Name: 'name', Value: 'Grace' })],
      [],
      (error, result) => (error ? reject(error) : resolve(result!)),
    ),
  );

const confirm = (user: CognitoUser, code: string) =>
  new Promise<void>((resolve, reject) =>
    user.confirmRegistration(code, true, (error) => (error ? reject(error) : resolve())),
  );

const authenticate = (user: CognitoUser, password: string) =>
  new Promise<CognitoUserSession>((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), {
      onSuccess: resolve,
      onFailure: reject,
    }),
  );

describe('amazon-cognito-identity-js against the emulator', () => {
  it('signs up, confirms, signs in, reads attributes, changes the password and signs out', async () => {
    const email = 'identity-js@example.com';
    const result = await signUp(email, PASSWORD);
    expect(result.userConfirmed).toBe(false);
    expect(result.codeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });

    const user = userOf(email);
    await confirm(user, lastCode(email));
    const session = await authenticate(user, PASSWORD);
    expect(session.isValid()).toBe(true);
    expect(session.getIdToken().payload).toMatchObject({ email, name: 'Grace', token_use: 'id' });
    expect(session.getAccessToken().payload.token_use).toBe('access');

    const attributes = await new Promise<CognitoUserAttribute[]>((resolve, reject) =>
      user.getUserAttributes((error, list) => (error ? reject(error) : resolve(list!))),
    );
    expect(Object.fromEntries(attributes.map((a) => [a.getName(), a.getValue()]))).toMatchObject({
      email,
      email_verified: 'true',
      name: 'Grace',
    });

    await new Promise<void>((resolve, reject) =>
      user.changePassword(PASSWORD, 'Ch4nged-Passw0rd!', (error) => (error ? reject(error) : resolve())),
    );
    const accessToken = session.getAccessToken().getJwtToken();
    await new Promise<void>((resolve) => user.signOut(resolve));
    // signOut revoked the refresh token, and with it the access token.
    await expect(cognito.getUser({ AccessToken: accessToken })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    await expect(authenticate(userOf(email), PASSWORD)).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    await authenticate(userOf(email), 'Ch4nged-Passw0rd!');
  });

  it('resets a forgotten password with forgotPassword / confirmPassword', async () => {
    const email = 'identity-js-forgot@example.com';
    await signUp(email, PASSWORD);
    await confirm(userOf(email), lastCode(email));
    const user = userOf(email);
    await new Promise<void>((resolve, reject) =>
      user.forgotPassword({
        onSuccess: () => resolve(),
        onFailure: reject,
        inputVerificationCode: () => resolve(),
      }),
    );
    await new Promise<void>((resolve, reject) =>
      user.confirmPassword(lastCode(email), 'Res3t-Passw0rd!', {
        onSuccess: () => resolve(),
        onFailure: reject,
      }),
    );
    const session = await authenticate(userOf(email), 'Res3t-Passw0rd!');
    expect(session.isValid()).toBe(true);
  });

  it('sees the errors AWS gives: weak password, wrong code, unconfirmed user', async () => {
    await expect(signUp('weak@example.com', 'short')).rejects.toMatchObject({
      code: 'InvalidPasswordException',
    });
    const email = 'identity-js-unconfirmed@example.com';
    await signUp(email, PASSWORD);
    await expect(authenticate(userOf(email), PASSWORD)).rejects.toMatchObject({
      code: 'UserNotConfirmedException',
      message: 'User is not confirmed.',
    });
    const code = lastCode(email);
    await expect(confirm(userOf(email), code === '000000' ? '111111' : '000000')).rejects.toMatchObject({
      code: 'CodeMismatchException',
    });
  });
});
