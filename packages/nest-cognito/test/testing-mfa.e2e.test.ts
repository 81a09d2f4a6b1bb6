import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { Module } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { type EmulatedCognito, startEmulatedCognito, totp } from 'nest-cognito/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Encode, totpCode } from '../../cognito-emulator/src/services/totp.js';
import { CognitoModule } from '../src/index.js';
import { CognitoRestModule } from '../src/rest/index.js';
import { bearer, request } from './helpers.js';

// nest-cognito/testing and MFA: totp() beside the emulator's own TOTP, signInAs({ mfa: 'totp' })
// in pools where MFA is optional and where it is required, and lastCode() for MFA codes.

describe('totp()', () => {
  it('gives RFC 6238’s codes (SHA-1 test vectors, 6 digits)', () => {
    // The RFC's key "12345678901234567890" in base32, lower case and spaced as people type it.
    const secret = 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq';
    const vectors: [seconds: number, code: string][] = [
      [59, '287082'],
      [1_111_111_109, '081804'],
      [1_111_111_111, '050471'],
      [1_234_567_890, '005924'],
      [2_000_000_000, '279037'],
      [20_000_000_000, '353130'],
    ];
    for (const [seconds, code] of vectors) expect(totp(secret, seconds * 1000)).toBe(code);
    expect(totp(secret, new Date(59_000))).toBe('287082');
    expect(() => totp('not base32!', 0)).toThrow('totp: the secret is not base32');
  });

  it('agrees with the emulator’s TOTP: same secret, same moment, same code', () => {
    for (let i = 0; i < 200; i++) {
      const secret = base32Encode(randomBytes(i % 2 ? 32 : 20));
      const at = Math.floor(Math.random() * 4_000_000_000_000);
      expect(totp(secret, at), secret).toBe(totpCode(secret, Math.floor(at / 30_000)));
    }
  });
});

@Module({
  imports: [
    CognitoModule.forRoot({ userPoolId: 'eu-west-1_Prod00001', clientId: 'prodclient1234', isGlobal: true }),
    CognitoRestModule.forRoot({ auth: true }),
  ],
})
class AppModule {}

async function appOn(cognito: EmulatedCognito) {
  const moduleRef = await cognito.apply(Test.createTestingModule({ imports: [AppModule] })).compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

const sdkOf = (cognito: EmulatedCognito) =>
  new CognitoIdentityProvider({
    endpoint: cognito.emulator.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });

describe('signInAs({ mfa: "totp" }) where MFA is optional (the default pool)', () => {
  let cognito: EmulatedCognito;
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    cognito = await startEmulatedCognito();
    const started = await appOn(cognito);
    url = started.url;
    close = () => started.app.close();
  });
  afterAll(async () => {
    await close?.();
    await cognito?.stop();
  });

  it.each(['USER_PASSWORD_AUTH', 'USER_SRP_AUTH'] as const)(
    'with %s: the app is set up and preferred, the tokens came through its challenge, the secret is returned',
    async (authFlow) => {
      const user = await cognito.signInAs({ mfa: 'totp', authFlow });
      expect(user.totpSecret).toMatch(/^[A-Z2-7]{32,}$/);
      expect((await request('GET', `${url}/auth/me`, undefined, bearer(user.accessToken))).status).toBe(200);
      expect(await request('GET', `${url}/auth/mfa`, undefined, bearer(user.accessToken))).toMatchObject({
        status: 200,
        body: { enabled: ['TOTP'], preferred: 'TOTP' },
      });

      // The application's own sign-in asks for the app; the next step's code answers it.
      const challenge = await request('POST', `${url}/auth/sign-in`, {
        email: user.email,
        password: user.password,
      });
      expect(challenge.body).toMatchObject({ challenge: 'SOFTWARE_TOKEN_MFA' });
      const answer = await request('POST', `${url}/auth/respond-to-challenge`, {
        email: user.email,
        challenge: 'SOFTWARE_TOKEN_MFA',
        session: challenge.body.session,
        code: totp(user.totpSecret!, Date.now() + 30_000),
      });
      expect(answer).toMatchObject({ status: 200, body: { accessToken: expect.any(String) } });
    },
  );

  it('users without mfa sign in without a second factor, and have no totpSecret', async () => {
    const user = await cognito.signInAs();
    expect(user.totpSecret).toBeUndefined();
    const answer = await request('POST', `${url}/auth/sign-in`, {
      email: user.email,
      password: user.password,
    });
    expect(answer.body).toMatchObject({ accessToken: expect.any(String) });
  });
});

describe('signInAs where the pool requires MFA', () => {
  let cognito: EmulatedCognito;
  beforeAll(async () => {
    cognito = await startEmulatedCognito({
      mfa: { MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } },
    });
  });
  afterAll(() => cognito?.stop());

  it('mfa: "totp" goes through MFA_SETUP; the code of the current step is still free', async () => {
    const user = await cognito.signInAs({ mfa: 'totp' });
    expect(user.totpSecret).toBeTruthy();
    const sdk = sdkOf(cognito);
    try {
      const { UserMFASettingList } = await sdk.getUser({ AccessToken: user.accessToken });
      expect(UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
      const challenge = await sdk.initiateAuth({
        ClientId: cognito.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: user.email, PASSWORD: user.password },
      });
      expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
      const answer = await sdk.respondToAuthChallenge({
        ClientId: cognito.clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: user.email, SOFTWARE_TOKEN_MFA_CODE: totp(user.totpSecret!) },
      });
      expect(answer.AuthenticationResult?.AccessToken).toBeTruthy();
    } finally {
      sdk.destroy();
    }
  });

  it('without mfa, a clear error says what to pass', async () => {
    await expect(cognito.signInAs()).rejects.toThrow(/MFA_SETUP.*mfa: 'totp'/);
  });
});

describe('lastCode()', () => {
  let cognito: EmulatedCognito;
  beforeAll(async () => {
    cognito = await startEmulatedCognito({
      mfa: {
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
        EmailMfaConfiguration: { Message: 'Your code: {####}', Subject: 'Sign-in code' },
      },
    });
  });
  afterAll(() => cognito?.stop());

  it('gives the code of an EMAIL_OTP challenge (kind MFA), newest first, or of the kind asked', async () => {
    const user = await cognito.signInAs();
    const signUpCode = cognito.lastCode(user.email);
    const sdk = sdkOf(cognito);
    try {
      await sdk.setUserMFAPreference({
        AccessToken: user.accessToken,
        EmailMfaSettings: { Enabled: true, PreferredMfa: true },
      });
      const challenge = await sdk.initiateAuth({
        ClientId: cognito.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: user.email, PASSWORD: user.password },
      });
      expect(challenge.ChallengeName).toBe('EMAIL_OTP');
      const code = cognito.lastCode(user.email);
      expect(code).toMatch(/^\d{6}$/);
      expect(cognito.lastCode(user.email, 'MFA')).toBe(code);
      expect(cognito.lastCode(user.email, 'SIGN_UP')).toBe(signUpCode);
      expect(cognito.messages(user.email).at(-1)).toMatchObject({ kind: 'MFA', subject: 'Sign-in code' });
      const answer = await sdk.respondToAuthChallenge({
        ClientId: cognito.clientId,
        ChallengeName: 'EMAIL_OTP',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: user.email, EMAIL_OTP_CODE: code! },
      });
      expect(answer.AuthenticationResult?.AccessToken).toBeTruthy();
    } finally {
      sdk.destroy();
    }
  });
});
