import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emailPool, emulatorWithSdk, PASSWORD, rejection, signedInUser } from './helpers.js';

// One emulator whose clock the tests move: codes and tokens expire as on AWS, without waiting.
let offset = 0;
const HOUR = 3600_000;
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk({ now: () => Date.now() + offset }));
});
afterAll(() => emulator.stop());

const lastCode = (to: string) => emulator.messages({ to }).at(-1)!.code!;

describe('codes expire like AWS’s', () => {
  it('a sign-up code is good for 24 hours, then ExpiredCodeException', async () => {
    const { clientId } = await emailPool(cognito);
    await cognito.signUp({ ClientId: clientId, Username: 'late@example.com', Password: PASSWORD });
    await cognito.signUp({ ClientId: clientId, Username: 'intime@example.com', Password: PASSWORD });
    offset += 23 * HOUR;
    await cognito.confirmSignUp({
      ClientId: clientId,
      Username: 'intime@example.com',
      ConfirmationCode: lastCode('intime@example.com'),
    });
    offset += 2 * HOUR;
    expect(
      await rejection(
        cognito.confirmSignUp({
          ClientId: clientId,
          Username: 'late@example.com',
          ConfirmationCode: lastCode('late@example.com'),
        }),
      ),
    ).toMatchObject({
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    });
    // A new code works again.
    await cognito.resendConfirmationCode({ ClientId: clientId, Username: 'late@example.com' });
    await cognito.confirmSignUp({
      ClientId: clientId,
      Username: 'late@example.com',
      ConfirmationCode: lastCode('late@example.com'),
    });
  });

  it('a forgot-password code is good for one hour', async () => {
    const { clientId } = await signedInUser(emulator, cognito, 'forgot-late@example.com');
    await cognito.forgotPassword({ ClientId: clientId, Username: 'forgot-late@example.com' });
    offset += HOUR + 1000;
    expect(
      await rejection(
        cognito.confirmForgotPassword({
          ClientId: clientId,
          Username: 'forgot-late@example.com',
          ConfirmationCode: lastCode('forgot-late@example.com'),
          Password: 'N3w-Passw0rd!',
        }),
      ),
    ).toMatchObject({ name: 'ExpiredCodeException' });
  });
});

describe('tokens expire per the client’s validity', () => {
  it('an access token past its hour is refused by GetUser; refresh gives a new one', async () => {
    const { clientId, tokens } = await signedInUser(emulator, cognito, 'stale@example.com');
    offset += HOUR + 1000;
    expect(await rejection(cognito.getUser({ AccessToken: tokens.AccessToken! }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has expired',
    });
    const { AuthenticationResult } = await cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
    });
    await cognito.getUser({ AccessToken: AuthenticationResult!.AccessToken! });
  });

  it('a refresh token past its validity is refused', async () => {
    const { clientId, tokens } = await signedInUser(emulator, cognito, 'old-refresh@example.com');
    offset += 31 * 24 * HOUR;
    expect(
      await rejection(
        cognito.initiateAuth({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
        }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has expired' });
  });

  it('AccessTokenValidity in minutes is honoured', async () => {
    const pool = await emailPool(cognito);
    await cognito.updateUserPoolClient({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AccessTokenValidity: 5,
      TokenValidityUnits: { AccessToken: 'minutes' },
    });
    await cognito.signUp({ ClientId: pool.clientId, Username: 'five@example.com', Password: PASSWORD });
    await cognito.confirmSignUp({
      ClientId: pool.clientId,
      Username: 'five@example.com',
      ConfirmationCode: lastCode('five@example.com'),
    });
    const { AuthenticationResult } = await cognito.initiateAuth({
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'five@example.com', PASSWORD },
    });
    expect(AuthenticationResult!.ExpiresIn).toBe(300);
    offset += 4 * 60_000;
    await cognito.getUser({ AccessToken: AuthenticationResult!.AccessToken! });
    offset += 2 * 60_000;
    expect(
      await rejection(cognito.getUser({ AccessToken: AuthenticationResult!.AccessToken! })),
    ).toMatchObject({ message: 'Access Token has expired' });
  });
});
