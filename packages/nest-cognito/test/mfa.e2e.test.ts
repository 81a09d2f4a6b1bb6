import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuthChallenge,
  CognitoAdminService,
  CognitoAuthService,
  CognitoModule,
  type CognitoModuleOptions,
  isChallenge,
  type SignInResult,
} from '../src/index.js';
import { readClaims } from '../src/tokens/token-claims.js';
import { type MfaClient, type MfaCognito, type MfaPool, PASSWORD, startMfaCognito } from './mfa-fixture.js';

// Every MFA path of CognitoAuthService (and the admin service's MFA settings) against the emulator,
// through the real AWS SDK: authenticator apps, SMS and email codes, the choice of a factor,
// MFA_SETUP, SRP with a client secret, remembered devices, and the errors on the way.

let cognito: MfaCognito;
const services = new Map<string, { auth: CognitoAuthService; admin: CognitoAdminService }>();

/** The services of a CognitoModule configured for a pool and client (one module per pair). */
async function servicesFor(pool: MfaPool, client: MfaClient = 'password') {
  const key = `${pool}/${client}`;
  if (!services.has(key)) {
    const options: CognitoModuleOptions = cognito.options(pool, client);
    const moduleRef = await Test.createTestingModule({ imports: [CognitoModule.forRoot(options)] }).compile();
    services.set(key, { auth: moduleRef.get(CognitoAuthService), admin: moduleRef.get(CognitoAdminService) });
  }
  return services.get(key)!;
}

beforeAll(async () => {
  cognito = await startMfaCognito();
});
afterAll(() => cognito?.stop());

let users = 0;
const newEmail = (name: string) => `${name}-${++users}@example.com`;

function challengeOf(result: SignInResult): AuthChallenge {
  expect(isChallenge(result), JSON.stringify(result)).toBe(true);
  return result as AuthChallenge;
}
function tokensOf(result: SignInResult) {
  expect(isChallenge(result), JSON.stringify(result)).toBe(false);
  return result as Exclude<SignInResult, AuthChallenge>;
}

/** A confirmed user of the pool with an authenticator app verified, enabled and preferred. */
async function totpUser(pool: MfaPool, client: MfaClient = 'password') {
  const { auth } = await servicesFor(pool, client);
  const email = await cognito.confirmedUser(pool, newEmail('totp'));
  const { accessToken } = tokensOf(await auth.signIn(email, PASSWORD));
  const { secret } = await auth.setUpTotp({ accessToken }, email);
  await auth.verifyTotp(accessToken, cognito.nextCode(secret));
  await auth.setMfaPreferences(accessToken, { totp: true, preferred: 'TOTP' });
  return { email, secret, auth };
}

describe('authenticator apps (TOTP)', () => {
  it('set up, verified, preferred: sign-in answers SOFTWARE_TOKEN_MFA, the app’s code gives tokens', async () => {
    const { auth } = await servicesFor('optional');
    const email = await cognito.confirmedUser('optional', newEmail('app'));
    const { accessToken } = tokensOf(await auth.signIn(email, PASSWORD));
    expect(await auth.getMfaPreferences(accessToken)).toEqual({ enabled: [], preferred: null });

    const setup = await auth.setUpTotp({ accessToken }, email);
    expect(setup.secret).toMatch(/^[A-Z2-7]{32,}$/);
    expect(setup.session).toBeUndefined();
    const uri = new URL(setup.uri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe(`/Cognito:${email}`);
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: setup.secret,
      issuer: 'Cognito',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });

    // Not verified yet: it cannot be turned on.
    await expect(auth.setMfaPreferences(accessToken, { totp: true })).rejects.toMatchObject({
      status: 400,
      code: 'INVALID_PARAMETER',
      cognitoName: 'InvalidParameterException',
    });
    await expect(auth.verifyTotp(accessToken, cognito.wrongCode(setup.secret))).rejects.toMatchObject({
      status: 400,
      code: 'CODE_MISMATCH',
      cognitoName: 'EnableSoftwareTokenMFAException',
    });
    await auth.verifyTotp(accessToken, cognito.nextCode(setup.secret), 'Authenticator');
    await auth.setMfaPreferences(accessToken, { totp: true, preferred: 'TOTP' });
    expect(await auth.getMfaPreferences(accessToken)).toEqual({ enabled: ['TOTP'], preferred: 'TOTP' });

    const challenge = challengeOf(await auth.signIn(email, PASSWORD));
    expect(challenge).toEqual({
      challenge: 'SOFTWARE_TOKEN_MFA',
      session: expect.any(String),
      requiredAttributes: [],
    });
    const answer = { email, session: challenge.session, challenge: 'SOFTWARE_TOKEN_MFA' } as const;
    await expect(
      auth.respondToChallenge({ ...answer, code: cognito.wrongCode(setup.secret) }),
    ).rejects.toMatchObject({ status: 400, code: 'CODE_MISMATCH', cognitoName: 'CodeMismatchException' });
    const tokens = tokensOf(
      await auth.respondToChallenge({ ...answer, code: cognito.nextCode(setup.secret) }),
    );
    expect(readClaims(tokens.accessToken)).toMatchObject({ token_use: 'access', sub: expect.any(String) });
    expect(tokens.refreshToken).toBeTruthy();
  });

  it('a code is accepted once: the same step’s code for the next sign-in is CODE_MISMATCH', async () => {
    const { email, secret, auth } = await totpUser('optional');
    const code = cognito.nextCode(secret);
    const first = challengeOf(await auth.signIn(email, PASSWORD));
    tokensOf(
      await auth.respondToChallenge({ email, session: first.session, challenge: 'SOFTWARE_TOKEN_MFA', code }),
    );
    const second = challengeOf(await auth.signIn(email, PASSWORD));
    await expect(
      auth.respondToChallenge({ email, session: second.session, challenge: 'SOFTWARE_TOKEN_MFA', code }),
    ).rejects.toMatchObject({ status: 400, code: 'CODE_MISMATCH' });
  });

  it('of 8 parallel answers with the right code, one gets tokens', async () => {
    const { email, secret, auth } = await totpUser('optional');
    const { session } = challengeOf(await auth.signIn(email, PASSWORD));
    const code = cognito.nextCode(secret);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        auth.respondToChallenge({ email, session, challenge: 'SOFTWARE_TOKEN_MFA', code }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect([400, 401]).toContain((r as PromiseRejectedResult).reason.status);
    }
  });

  it('an expired session is 401 NOT_AUTHORIZED: sign in again', async () => {
    const { email, secret, auth } = await totpUser('optional');
    const { session } = challengeOf(await auth.signIn(email, PASSWORD));
    const code = cognito.nextCode(secret);
    await cognito.later(4 * 60_000, () =>
      expect(
        auth.respondToChallenge({ email, session, challenge: 'SOFTWARE_TOKEN_MFA', code }),
      ).rejects.toMatchObject({ status: 401, code: 'NOT_AUTHORIZED' }),
    );
  });

  it('a pool that offers no authenticator app: setUpTotp is 400 MFA_METHOD_NOT_FOUND', async () => {
    const { auth } = await servicesFor('no-mfa');
    const email = await cognito.confirmedUser('no-mfa', newEmail('no-app'));
    const { accessToken } = tokensOf(await auth.signIn(email, PASSWORD));
    await expect(auth.setUpTotp({ accessToken }, email)).rejects.toMatchObject({
      status: 400,
      code: 'MFA_METHOD_NOT_FOUND',
      cognitoName: 'SoftwareTokenMFANotFoundException',
    });
  });

  it('preferences that name nothing, or prefer a factor they turn off, are 400 VALIDATION_FAILED', async () => {
    const { auth } = await servicesFor('optional');
    const email = await cognito.confirmedUser('optional', newEmail('prefs'));
    const { accessToken } = tokensOf(await auth.signIn(email, PASSWORD));
    for (const input of [{}, { sms: false, preferred: 'SMS' as const }]) {
      await expect(auth.setMfaPreferences(accessToken, input)).rejects.toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
  });
});

describe('codes by SMS and email', () => {
  const PHONE = '+15555550123';

  async function userWithCodes() {
    const { auth } = await servicesFor('optional');
    const email = await cognito.confirmedUser('optional', newEmail('codes'), { phone_number: PHONE });
    const { accessToken } = tokensOf(await auth.signIn(email, PASSWORD));
    return { auth, email, accessToken };
  }

  it('SMS_MFA: the code goes to the phone (destination masked), and signs in', async () => {
    const { auth, email, accessToken } = await userWithCodes();
    await auth.setMfaPreferences(accessToken, { sms: true, preferred: 'SMS' });
    const challenge = challengeOf(await auth.signIn(email, PASSWORD));
    expect(challenge).toMatchObject({
      challenge: 'SMS_MFA',
      destination: expect.stringMatching(/^\+\*+0123$/),
    });
    const code = cognito.lastCode(PHONE, 'MFA');
    expect(code).toMatch(/^\d{6}$/);
    const answer = { email, session: challenge.session, challenge: 'SMS_MFA' } as const;
    await expect(auth.respondToChallenge({ ...answer, code: otherThan(code) })).rejects.toMatchObject({
      status: 400,
      code: 'CODE_MISMATCH',
    });
    tokensOf(await auth.respondToChallenge({ ...answer, code }));
  });

  it('EMAIL_OTP: the code goes to the email (masked), and signs in', async () => {
    const { auth, email, accessToken } = await userWithCodes();
    await auth.setMfaPreferences(accessToken, { email: true, preferred: 'EMAIL' });
    expect(await auth.getMfaPreferences(accessToken)).toEqual({ enabled: ['EMAIL'], preferred: 'EMAIL' });
    const challenge = challengeOf(await auth.signIn(email, PASSWORD));
    expect(challenge).toMatchObject({
      challenge: 'EMAIL_OTP',
      destination: expect.stringMatching(/^c\*+@e\*+$/),
    });
    const code = cognito.lastCode(email, 'MFA');
    tokensOf(
      await auth.respondToChallenge({ email, session: challenge.session, challenge: 'EMAIL_OTP', code }),
    );
  });

  it('SELECT_MFA_TYPE: two factors and no preference; the chosen factor’s code signs in', async () => {
    const { auth, email, accessToken } = await userWithCodes();
    await auth.setMfaPreferences(accessToken, { sms: true, email: true });
    const choice = challengeOf(await auth.signIn(email, PASSWORD));
    expect(choice).toMatchObject({ challenge: 'SELECT_MFA_TYPE', factors: ['SMS', 'EMAIL'] });

    // A factor not offered to this user is refused; the session stays good.
    await expect(
      auth.respondToChallenge({
        email,
        session: choice.session,
        challenge: 'SELECT_MFA_TYPE',
        factor: 'TOTP',
      }),
    ).rejects.toMatchObject({ status: 400, code: 'INVALID_PARAMETER' });
    const chosen = challengeOf(
      await auth.respondToChallenge({
        email,
        session: choice.session,
        challenge: 'SELECT_MFA_TYPE',
        factor: 'EMAIL',
      }),
    );
    expect(chosen).toMatchObject({ challenge: 'EMAIL_OTP', destination: expect.any(String) });
    const code = cognito.lastCode(email, 'MFA');
    tokensOf(await auth.respondToChallenge({ email, session: chosen.session, challenge: 'EMAIL_OTP', code }));
  });

  it('preferred: null clears the preference (SELECT_MFA_TYPE again); turning a factor off leaves the other', async () => {
    const { auth, email, accessToken } = await userWithCodes();
    await auth.setMfaPreferences(accessToken, { sms: true, email: true, preferred: 'SMS' });
    expect(await auth.getMfaPreferences(accessToken)).toEqual({
      enabled: ['SMS', 'EMAIL'],
      preferred: 'SMS',
    });
    await auth.setMfaPreferences(accessToken, { preferred: null });
    expect(await auth.getMfaPreferences(accessToken)).toEqual({ enabled: ['SMS', 'EMAIL'], preferred: null });
    expect(challengeOf(await auth.signIn(email, PASSWORD)).challenge).toBe('SELECT_MFA_TYPE');
    await auth.setMfaPreferences(accessToken, { sms: false });
    expect(await auth.getMfaPreferences(accessToken)).toEqual({ enabled: ['EMAIL'], preferred: null });
  });

  it('MFA ON with SMS only and a user without a phone: sign-in is 400 MFA_METHOD_NOT_FOUND', async () => {
    const { auth } = await servicesFor('sms-only');
    const email = await cognito.confirmedUser('sms-only', newEmail('no-phone'));
    await expect(auth.signIn(email, PASSWORD)).rejects.toMatchObject({
      status: 400,
      code: 'MFA_METHOD_NOT_FOUND',
      cognitoName: 'MFAMethodNotFoundException',
    });
  });
});

describe.each(['password', 'srp', 'admin'] as const)(
  'through the %s client: MFA_SETUP (MFA ON) and SOFTWARE_TOKEN_MFA',
  (client) => {
    it('the app is set up with the sign-in’s session; its first code answers the challenge', async () => {
      const { auth } = await servicesFor('required', client);
      const email = await cognito.confirmedUser('required', newEmail(`setup-${client}`));
      const challenge = challengeOf(await auth.signIn(email, PASSWORD));
      expect(challenge).toMatchObject({ challenge: 'MFA_SETUP', factors: ['TOTP'] });

      const setup = await auth.setUpTotp({ session: challenge.session }, email);
      expect(setup.session).toEqual(expect.any(String));
      expect(setup.uri).toContain(`secret=${setup.secret}`);
      const answer = { email, session: setup.session!, challenge: 'MFA_SETUP' } as const;
      await expect(
        auth.respondToChallenge({ ...answer, code: cognito.wrongCode(setup.secret) }),
      ).rejects.toMatchObject({ status: 400, code: 'CODE_MISMATCH' });
      const tokens = tokensOf(
        await auth.respondToChallenge({ ...answer, code: cognito.nextCode(setup.secret) }),
      );
      expect(await auth.getMfaPreferences(tokens.accessToken)).toMatchObject({ enabled: ['TOTP'] });

      // From now on the app is asked for.
      const next = challengeOf(await auth.signIn(email, PASSWORD));
      expect(next.challenge).toBe('SOFTWARE_TOKEN_MFA');
      tokensOf(
        await auth.respondToChallenge({
          email,
          session: next.session,
          challenge: 'SOFTWARE_TOKEN_MFA',
          code: cognito.nextCode(setup.secret),
        }),
      );
    });

    it('MFA_SETUP answered before an app was set up is 400 INVALID_PARAMETER', async () => {
      const { auth } = await servicesFor('required', client);
      const email = await cognito.confirmedUser('required', newEmail(`no-setup-${client}`));
      const { session } = challengeOf(await auth.signIn(email, PASSWORD));
      await expect(
        auth.respondToChallenge({ email, session, challenge: 'MFA_SETUP', code: '123456' }),
      ).rejects.toMatchObject({ status: 400, code: 'INVALID_PARAMETER' });
    });

    it('SOFTWARE_TOKEN_MFA (with SRP: a client secret; admin: AdminRespondToAuthChallenge)', async () => {
      const { email, secret, auth } = await totpUser('optional', client);
      const { session } = challengeOf(await auth.signIn(email, PASSWORD));
      const code = cognito.nextCode(secret);
      tokensOf(await auth.respondToChallenge({ email, session, challenge: 'SOFTWARE_TOKEN_MFA', code }));
    });
  },
);

describe('a new password, then MFA', () => {
  it('respondToChallenge answers NEW_PASSWORD_REQUIRED with the next challenge; respondToNewPasswordChallenge cannot', async () => {
    const { auth } = await servicesFor('required');
    const invite = async (email: string) => {
      await cognito.sdk.adminCreateUser({
        UserPoolId: cognito.poolId('required'),
        Username: email,
        TemporaryPassword: 'Temp-horse-9',
        MessageAction: 'SUPPRESS',
      });
      return challengeOf(await auth.signIn(email, 'Temp-horse-9'));
    };
    const email = newEmail('invited');
    const first = await invite(email);
    expect(first.challenge).toBe('NEW_PASSWORD_REQUIRED');
    const next = challengeOf(
      await auth.respondToChallenge({
        email,
        session: first.session,
        challenge: 'NEW_PASSWORD_REQUIRED',
        newPassword: PASSWORD,
      }),
    );
    expect(next).toMatchObject({ challenge: 'MFA_SETUP', factors: ['TOTP'] });

    const other = newEmail('invited');
    const { session } = await invite(other);
    await expect(
      auth.respondToNewPasswordChallenge({ email: other, session, newPassword: PASSWORD }),
    ).rejects.toMatchObject({ status: 501, code: 'UNSUPPORTED_CHALLENGE' });
  });
});

describe('remembered devices', () => {
  it('where the pool trusts remembered devices, one skips MFA; a new device is asked', async () => {
    const { email, secret, auth } = await totpUser('trusted-devices', 'srp');
    const challenge = challengeOf(await auth.signIn(email, PASSWORD, { rememberDevice: true }));
    const tokens = tokensOf(
      await auth.respondToChallenge({
        email,
        session: challenge.session,
        challenge: 'SOFTWARE_TOKEN_MFA',
        code: cognito.nextCode(secret),
        rememberDevice: true,
        deviceName: 'mfa.e2e',
      }),
    );
    expect(tokens.newDevice).toMatchObject({ remembered: true });
    const { remembered: _r, ...device } = tokens.newDevice!;

    const again = tokensOf(await auth.signIn(email, PASSWORD, { device }));
    expect(readClaims(again.accessToken).device_key).toBe(device.deviceKey);
    expect(challengeOf(await auth.signIn(email, PASSWORD)).challenge).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('elsewhere the device is asked for MFA too, then proves itself (DEVICE_SRP_AUTH)', async () => {
    const { email, secret, auth } = await totpUser('devices', 'srp');
    const first = challengeOf(await auth.signIn(email, PASSWORD, { rememberDevice: true }));
    const { newDevice } = tokensOf(
      await auth.respondToChallenge({
        email,
        session: first.session,
        challenge: 'SOFTWARE_TOKEN_MFA',
        code: cognito.nextCode(secret),
        rememberDevice: true,
      }),
    );
    const { remembered: _r, ...device } = newDevice!;
    const second = challengeOf(await auth.signIn(email, PASSWORD, { device }));
    const tokens = tokensOf(
      await auth.respondToChallenge({
        email,
        session: second.session,
        challenge: 'SOFTWARE_TOKEN_MFA',
        code: cognito.nextCode(secret),
        device,
      }),
    );
    expect(readClaims(tokens.accessToken).device_key).toBe(device.deviceKey);
    expect(tokens.newDevice).toBeUndefined();
  });

  it('a device forgotten meanwhile is dropped at the answer too, as at sign-in', async () => {
    const { auth, admin } = await servicesFor('devices', 'srp');
    const email = await cognito.confirmedUser('devices', newEmail('forgotten'));
    const signedIn = tokensOf(await auth.signIn(email, PASSWORD, { rememberDevice: true }));
    const { remembered: _r, ...device } = signedIn.newDevice!;
    await auth.setMfaPreferences(signedIn.accessToken, { email: true, preferred: 'EMAIL' });
    await admin.forgetUserDevice(email, device.deviceKey);

    const challenge = challengeOf(await auth.signIn(email, PASSWORD, { device }));
    expect(challenge.challenge).toBe('EMAIL_OTP');
    const tokens = tokensOf(
      await auth.respondToChallenge({
        email,
        session: challenge.session,
        challenge: 'EMAIL_OTP',
        code: cognito.lastCode(email, 'MFA'),
        device,
      }),
    );
    expect(readClaims(tokens.accessToken).device_key).not.toBe(device.deviceKey);
  });

  it('with an authenticator app too: the code is not spent by the refused device, the retry takes it', async () => {
    const { auth, admin } = await servicesFor('devices', 'srp');
    const email = await cognito.confirmedUser('devices', newEmail('forgotten-app'));
    const signedIn = tokensOf(await auth.signIn(email, PASSWORD, { rememberDevice: true }));
    const { remembered: _r, ...device } = signedIn.newDevice!;
    const { secret } = await auth.setUpTotp({ accessToken: signedIn.accessToken }, email);
    await auth.verifyTotp(signedIn.accessToken, cognito.nextCode(secret));
    await auth.setMfaPreferences(signedIn.accessToken, { totp: true, preferred: 'TOTP' });
    await admin.forgetUserDevice(email, device.deviceKey);

    const challenge = challengeOf(await auth.signIn(email, PASSWORD, { device }));
    expect(challenge.challenge).toBe('SOFTWARE_TOKEN_MFA');
    const tokens = tokensOf(
      await auth.respondToChallenge({
        email,
        session: challenge.session,
        challenge: 'SOFTWARE_TOKEN_MFA',
        code: cognito.nextCode(secret),
        device,
      }),
    );
    expect(readClaims(tokens.accessToken).device_key).not.toBe(device.deviceKey);
  });
});

describe('CognitoAdminService: a user’s MFA settings', () => {
  it('reads and sets them (AdminGetUser, AdminSetUserMFAPreference); unknown user 404, unusable factor 400', async () => {
    const { admin, auth } = await servicesFor('optional');
    const email = await cognito.confirmedUser('optional', newEmail('admin-set'), {
      phone_number: '+15555550199',
    });
    expect(await admin.getUserMfaPreferences(email)).toEqual({ enabled: [], preferred: null });
    await admin.setUserMfaPreferences(email, { sms: true, preferred: 'SMS' });
    expect(await admin.getUserMfaPreferences(email)).toEqual({ enabled: ['SMS'], preferred: 'SMS' });
    expect(challengeOf(await auth.signIn(email, PASSWORD)).challenge).toBe('SMS_MFA');

    await expect(admin.setUserMfaPreferences(email, { totp: true })).rejects.toMatchObject({
      status: 400,
      code: 'INVALID_PARAMETER',
    });
    await expect(admin.getUserMfaPreferences('nobody@example.com')).rejects.toMatchObject({
      status: 404,
      code: 'USER_NOT_FOUND',
    });
    await expect(admin.setUserMfaPreferences('nobody@example.com', { sms: false })).rejects.toMatchObject({
      status: 404,
      code: 'USER_NOT_FOUND',
    });
    await admin.setUserMfaPreferences(email, { sms: false });
    tokensOf(await auth.signIn(email, PASSWORD));
  });
});

/** Another code of the same length. */
function otherThan(code: string): string {
  return code.replace(/^./, (digit) => String((Number(digit) + 1) % 10));
}
