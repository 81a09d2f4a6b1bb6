import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emailPool, emulatorWithSdk, PASSWORD, rejection, signedInUser } from './helpers.js';

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
});
afterAll(() => emulator.stop());

const lastCode = (to: string) => emulator.messages({ to }).at(-1)!;

const signedIn = (email: string, client: Parameters<typeof emailPool>[1] = {}) =>
  signedInUser(emulator, cognito, email, client);

const signIn = (clientId: string, USERNAME: string, password: string) =>
  cognito.initiateAuth({
    ClientId: clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME, PASSWORD: password },
  });

describe('ResendConfirmationCode', () => {
  it('sends a new code that replaces the old one', async () => {
    const { clientId } = await emailPool(cognito);
    await cognito.signUp({ ClientId: clientId, Username: 'rc@example.com', Password: PASSWORD });
    const first = lastCode('rc@example.com');
    const resent = await cognito.resendConfirmationCode({ ClientId: clientId, Username: 'rc@example.com' });
    expect(resent.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const second = lastCode('rc@example.com');
    expect(second).toMatchObject({ kind: 'RESEND_CODE' });
    if (first.code !== second.code) {
      expect(
        await rejection(
          cognito.confirmSignUp({
            ClientId: clientId,
            Username: 'rc@example.com',
            ConfirmationCode: first.code!,
          }),
        ),
      ).toMatchObject({ name: 'CodeMismatchException' });
    }
    await cognito.confirmSignUp({
      ClientId: clientId,
      Username: 'rc@example.com',
      ConfirmationCode: second.code!,
    });
    expect(
      await rejection(cognito.resendConfirmationCode({ ClientId: clientId, Username: 'rc@example.com' })),
    ).toMatchObject({ name: 'InvalidParameterException', message: 'User is already confirmed.' });
  });

  it('answers an unknown user as if it existed (ENABLED)', async () => {
    const { clientId } = await emailPool(cognito);
    const answer = await cognito.resendConfirmationCode({
      ClientId: clientId,
      Username: 'ghost@example.com',
    });
    expect(answer.CodeDeliveryDetails).toEqual({
      Destination: 'g***@e***',
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    });
    expect(emulator.messages({ to: 'ghost@example.com' })).toEqual([]);
  });
});

describe('ForgotPassword and ConfirmForgotPassword', () => {
  it('resets the password with the emailed code, once', async () => {
    const { clientId } = await signedIn('fp@example.com');
    const sent = await cognito.forgotPassword({ ClientId: clientId, Username: 'fp@example.com' });
    expect(sent.CodeDeliveryDetails).toMatchObject({ Destination: 'f***@e***', DeliveryMedium: 'EMAIL' });
    const { code, kind } = lastCode('fp@example.com');
    expect(kind).toBe('FORGOT_PASSWORD');
    expect(
      await rejection(
        cognito.confirmForgotPassword({
          ClientId: clientId,
          Username: 'fp@example.com',
          ConfirmationCode: code!,
          Password: 'weak',
        }),
      ),
    ).toMatchObject({ name: 'InvalidPasswordException' });
    await cognito.confirmForgotPassword({
      ClientId: clientId,
      Username: 'fp@example.com',
      ConfirmationCode: code!,
      Password: 'New-passw0rd',
    });
    expect(await rejection(signIn(clientId, 'fp@example.com', PASSWORD))).toMatchObject({
      name: 'NotAuthorizedException',
    });
    expect((await signIn(clientId, 'fp@example.com', 'New-passw0rd')).AuthenticationResult).toBeTruthy();
    expect(
      await rejection(
        cognito.confirmForgotPassword({
          ClientId: clientId,
          Username: 'fp@example.com',
          ConfirmationCode: code!,
          Password: 'Other-passw0rd',
        }),
      ),
    ).toMatchObject({ name: 'CodeMismatchException' });
  });

  it('tells nothing of unknown users (ENABLED), and names them for LEGACY clients', async () => {
    const enabled = await emailPool(cognito);
    expect(
      (await cognito.forgotPassword({ ClientId: enabled.clientId, Username: 'ghost@example.com' }))
        .CodeDeliveryDetails,
    ).toMatchObject({ DeliveryMedium: 'EMAIL' });
    expect(
      await rejection(
        cognito.confirmForgotPassword({
          ClientId: enabled.clientId,
          Username: 'ghost@example.com',
          ConfirmationCode: '123456',
          Password: PASSWORD,
        }),
      ),
    ).toMatchObject({ name: 'CodeMismatchException' });
    const legacy = await emailPool(cognito, { preventUserExistenceErrors: 'LEGACY' });
    expect(
      await rejection(cognito.forgotPassword({ ClientId: legacy.clientId, Username: 'ghost@example.com' })),
    ).toMatchObject({ name: 'UserNotFoundException' });
  });

  it('refuses a user with no verified email', async () => {
    const { clientId } = await emailPool(cognito);
    await cognito.signUp({ ClientId: clientId, Username: 'nv@example.com', Password: PASSWORD });
    expect(
      await rejection(cognito.forgotPassword({ ClientId: clientId, Username: 'nv@example.com' })),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
    });
  });
});

describe('ChangePassword', () => {
  it('changes the password given the previous one, under the policy', async () => {
    const { clientId, tokens } = await signedIn('cp@example.com');
    const change = (PreviousPassword: string, ProposedPassword: string) =>
      cognito.changePassword({ AccessToken: tokens.AccessToken!, PreviousPassword, ProposedPassword });
    expect(await rejection(change('Wrong-passw0rd', 'New-passw0rd'))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect(await rejection(change(PASSWORD, 'short'))).toMatchObject({ name: 'InvalidPasswordException' });
    await change(PASSWORD, 'New-passw0rd');
    expect((await signIn(clientId, 'cp@example.com', 'New-passw0rd')).AuthenticationResult).toBeTruthy();
  });
});

describe('GlobalSignOut and RevokeToken', () => {
  it('GlobalSignOut revokes every access and refresh token of the user', async () => {
    const { clientId, tokens } = await signedIn('gs@example.com');
    const other = (await signIn(clientId, 'gs@example.com', PASSWORD)).AuthenticationResult!;
    await cognito.globalSignOut({ AccessToken: tokens.AccessToken! });
    for (const accessToken of [tokens.AccessToken!, other.AccessToken!]) {
      expect(await rejection(cognito.getUser({ AccessToken: accessToken }))).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Access Token has been revoked',
      });
    }
    expect(
      await rejection(
        cognito.initiateAuth({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: other.RefreshToken! },
        }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    // A new sign-in is unaffected.
    const fresh = (await signIn(clientId, 'gs@example.com', PASSWORD)).AuthenticationResult!;
    expect((await cognito.getUser({ AccessToken: fresh.AccessToken! })).Username).toBeTruthy();
  });

  it('RevokeToken revokes one session only, and checks the client secret', async () => {
    const { clientId, clientSecret, tokens } = await signedIn('rt@example.com', {});
    const other = (await signIn(clientId, 'rt@example.com', PASSWORD)).AuthenticationResult!;
    await cognito.revokeToken({ ClientId: clientId, Token: tokens.RefreshToken! });
    expect(await rejection(cognito.getUser({ AccessToken: tokens.AccessToken! }))).toMatchObject({
      message: 'Access Token has been revoked',
    });
    expect((await cognito.getUser({ AccessToken: other.AccessToken! })).Username).toBeTruthy();
    expect(clientSecret).toBeUndefined();

    const secretPool = await emailPool(cognito, { secret: true });
    expect(
      await rejection(
        cognito.revokeToken({
          ClientId: secretPool.clientId,
          Token: other.RefreshToken!,
          ClientSecret: 'wrong',
        }),
      ),
    ).toMatchObject({ name: 'UnauthorizedException' });
  });
});

describe('DeleteUser', () => {
  it('deletes the signed-in user; its tokens then fail and its email is free again', async () => {
    const { clientId, tokens } = await signedIn('du@example.com');
    await cognito.deleteUser({ AccessToken: tokens.AccessToken! });
    expect(await rejection(cognito.getUser({ AccessToken: tokens.AccessToken! }))).toMatchObject({
      name: 'NotAuthorizedException',
    });
    expect(await rejection(signIn(clientId, 'du@example.com', PASSWORD))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    await cognito.signUp({ ClientId: clientId, Username: 'du@example.com', Password: PASSWORD });
  });
});
