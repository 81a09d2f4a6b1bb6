import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { Test } from '@nestjs/testing';
import { type EmulatedCognito, startEmulatedCognito } from 'nest-cognito/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthChallenge, CognitoAuthService, CognitoModule, isChallenge } from '../src/index.js';
import { readClaims } from '../src/tokens/token-claims.js';

// nest-cognito/testing and passwordless sign-in: the default pool and client allow it,
// lastCode() reads the one-time codes of EMAIL_OTP and SMS_OTP sign-ins (kind MFA), and
// signInAs({ passwordless: 'EMAIL_OTP' }) signs in with one.

describe('passwordless sign-in with nest-cognito/testing', () => {
  let cognito: EmulatedCognito;
  let auth: CognitoAuthService;
  beforeAll(async () => {
    cognito = await startEmulatedCognito();
    const moduleRef = await cognito
      .apply(
        Test.createTestingModule({ imports: [CognitoModule.forRoot({ userPoolId: 'x', clientId: 'y' })] }),
      )
      .compile();
    auth = moduleRef.get(CognitoAuthService);
  });
  afterAll(() => cognito?.stop());

  it('lastCode() gives the emailed one-time code of a passwordless sign-in (kind MFA), the application signs in with it', async () => {
    const user = await cognito.signInAs();
    const signUpCode = cognito.lastCode(user.email, 'SIGN_UP');
    const challenge = (await auth.signInWithoutPassword(user.email, {
      factor: 'EMAIL_OTP',
    })) as AuthChallenge;
    expect(challenge.challenge).toBe('EMAIL_OTP');
    const code = cognito.lastCode(user.email);
    expect(code).toMatch(/^\d{6}$/);
    expect(cognito.lastCode(user.email, 'MFA')).toBe(code);
    expect(cognito.lastCode(user.email, 'SIGN_UP')).toBe(signUpCode);
    const tokens = await auth.respondToChallenge({
      email: user.email,
      session: challenge.session,
      challenge: 'EMAIL_OTP',
      code: code!,
    });
    expect(isChallenge(tokens)).toBe(false);
  });

  it('lastCode() gives the SMS code of an SMS_OTP sign-in, by phone number', async () => {
    const phone = '+15555550177';
    const user = await cognito.signInAs({ attributes: { phone_number: phone } });
    const sdk = new CognitoIdentityProvider({
      endpoint: cognito.emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      await sdk.adminUpdateUserAttributes({
        UserPoolId: cognito.userPoolId,
        Username: user.username,
        UserAttributes: [{ Name: 'phone_number_verified', Value: 'true' }],
      });
    } finally {
      sdk.destroy();
    }
    const challenge = (await auth.signInWithoutPassword(user.email, { factor: 'SMS_OTP' })) as AuthChallenge;
    expect(challenge).toMatchObject({ challenge: 'SMS_OTP', destination: '+*******0177' });
    const tokens = await auth.respondToChallenge({
      email: user.email,
      session: challenge.session,
      challenge: 'SMS_OTP',
      code: cognito.lastCode(phone, 'MFA')!,
    });
    expect(isChallenge(tokens)).toBe(false);
  });

  it('signInAs({ passwordless: "EMAIL_OTP" }) signs in with the emailed code: real tokens of the user', async () => {
    const user = await cognito.signInAs({ passwordless: 'EMAIL_OTP', groups: ['staff'] });
    expect(readClaims(user.accessToken)).toMatchObject({ sub: user.sub, 'cognito:groups': ['staff'] });
    expect(cognito.messages(user.email).at(-1)).toMatchObject({ kind: 'MFA' });
    const profile = await auth.getProfile(user.accessToken);
    expect(profile.email).toBe(user.email);
  });

  it('passwordless with mfa is refused; a pool that does not allow EMAIL_OTP says so', async () => {
    await expect(cognito.signInAs({ passwordless: 'EMAIL_OTP', mfa: 'totp' })).rejects.toThrow(
      /do not go together/,
    );
    const passwordOnly = await startEmulatedCognito({
      pool: { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] } } },
    });
    try {
      await expect(passwordOnly.signInAs({ passwordless: 'EMAIL_OTP' })).rejects.toThrow(
        /SELECT_CHALLENGE .*must allow EMAIL_OTP/,
      );
    } finally {
      await passwordOnly.stop();
    }
  });
});
