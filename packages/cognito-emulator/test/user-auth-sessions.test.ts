import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { deviceSecret } from './device-srp-client.js';
import { emulatorWithSdk, PASSWORD, race, rejection } from './helpers.js';
import { type RequestOptions, registerPasskey, SoftwareAuthenticator } from './passkey-authenticator.js';
import { type ChoicePool, choicePool, choiceUser, initiate, lastCode, respond } from './user-auth-pool.js';

// Choice-based sign-in (USER_AUTH) over the AWS SDK: sessions single-use (races) and expiring,
// wrong codes against the session and the lockout, MFA after a password but not after a one-time
// code, the user's state, remembered devices, and passkeys offered and answered.

let clock = Date.now();
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => ({ emulator, cognito } = await emulatorWithSdk({ now: () => clock })));
afterAll(() => emulator.stop());

/** An EMAIL_OTP challenge of a new user: its session and the code sent. */
async function emailCodeChallenge(pool: ChoicePool, email?: string) {
  const name = email ?? (await choiceUser(cognito, pool)).email;
  const { Session } = await initiate(cognito, pool, { USERNAME: name, PREFERRED_CHALLENGE: 'EMAIL_OTP' });
  const code = lastCode(emulator, name).code!;
  return { email: name, session: Session!, code, wrong: code === '000000' ? '111111' : '000000' };
}

const answerCode = (pool: ChoicePool, challenge: { email: string; session: string }, code: string) =>
  respond(cognito, pool, 'EMAIL_OTP', challenge.session, { USERNAME: challenge.email, EMAIL_OTP_CODE: code });

describe('sessions', () => {
  it('of 8 parallel answers with the right code, exactly one gets tokens', async () => {
    const pool = await choicePool(cognito);
    const challenge = await emailCodeChallenge(pool);
    const { won, lost } = await race(8, () => answerCode(pool, challenge, challenge.code));
    expect(won).toHaveLength(1);
    expect(won[0]!.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
    expect(lost).toHaveLength(7);
    for (const error of lost)
      expect(error).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Invalid session for the user.',
      });
  });

  it('of 8 parallel choices of EMAIL_OTP, exactly one sends a code', async () => {
    const pool = await choicePool(cognito);
    const { email } = await choiceUser(cognito, pool);
    const { Session } = await initiate(cognito, pool, { USERNAME: email });
    const { won, lost } = await race(8, () =>
      respond(cognito, pool, 'SELECT_CHALLENGE', Session, { USERNAME: email, ANSWER: 'EMAIL_OTP' }),
    );
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.name)).toEqual(Array(7).fill('NotAuthorizedException'));
    expect(lastCode(emulator, email).count).toBe(1);
  });

  it('expire after the client’s AuthSessionValidity', async () => {
    const pool = await choicePool(cognito);
    const challenge = await emailCodeChallenge(pool);
    clock += 3 * 60_000 + 1_000;
    expect(await rejection(answerCode(pool, challenge, challenge.code))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
  });

  it('take three wrong codes, then are spent', async () => {
    const pool = await choicePool(cognito);
    const challenge = await emailCodeChallenge(pool);
    for (let i = 0; i < 3; i++) {
      expect((await rejection(answerCode(pool, challenge, challenge.wrong))).name).toBe(
        'CodeMismatchException',
      );
    }
    expect(await rejection(answerCode(pool, challenge, challenge.code))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
  });
});

describe('lockout', () => {
  it('counts wrong codes as wrong passwords: after five, no code is sent nor accepted for a while', async () => {
    const pool = await choicePool(cognito);
    const first = await emailCodeChallenge(pool);
    for (let i = 0; i < 3; i++) await rejection(answerCode(pool, first, first.wrong));
    const second = await emailCodeChallenge(pool, first.email);
    for (let i = 0; i < 2; i++) await rejection(answerCode(pool, second, second.wrong));
    expect(await rejection(answerCode(pool, second, second.code))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Password attempts exceeded',
    });
    const sent = lastCode(emulator, first.email).count;
    expect(
      await rejection(initiate(cognito, pool, { USERNAME: first.email, PREFERRED_CHALLENGE: 'EMAIL_OTP' })),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Password attempts exceeded' });
    expect(
      await rejection(
        initiate(cognito, pool, { USERNAME: first.email, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Password attempts exceeded' });
    expect(lastCode(emulator, first.email).count).toBe(sent);
    clock += 2_000;
    const third = await emailCodeChallenge(pool, first.email);
    expect((await answerCode(pool, third, third.code)).AuthenticationResult).toBeDefined();
  });
});

describe('MFA', () => {
  /** A choice pool that requires MFA with email codes. */
  async function mfaChoicePool() {
    const pool = await choicePool(cognito);
    await cognito.setUserPoolMfaConfig({
      UserPoolId: pool.poolId,
      MfaConfiguration: 'ON',
      EmailMfaConfiguration: { Message: 'MFA code {####}', Subject: 'MFA' },
    });
    return pool;
  }

  it('follows a password first factor, as after any password', async () => {
    const pool = await mfaChoicePool();
    const { email } = await choiceUser(cognito, pool);
    const mfa = await initiate(cognito, pool, { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
    expect(mfa.ChallengeName).toBe('EMAIL_OTP');
    const sent = emulator.messages({ to: email }).at(-1)!;
    expect(sent.body).toBe(`MFA code ${sent.code}`);
    const done = await respond(cognito, pool, 'EMAIL_OTP', mfa.Session, {
      USERNAME: email,
      EMAIL_OTP_CODE: sent.code!,
    });
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  it('is not asked after a one-time code, which satisfies it', async () => {
    const pool = await mfaChoicePool();
    const challenge = await emailCodeChallenge(pool);
    // The pool's email template is also the one-time code's.
    expect(emulator.messages({ to: challenge.email }).at(-1)!.body).toBe(`MFA code ${challenge.code}`);
    const done = await answerCode(pool, challenge, challenge.code);
    expect(done.ChallengeName).toBeUndefined();
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });
});

describe('the user’s state after a one-time code', () => {
  it('stops a disabled user once the code is right', async () => {
    const pool = await choicePool(cognito);
    const challenge = await emailCodeChallenge(pool);
    await cognito.adminDisableUser({ UserPoolId: pool.poolId, Username: challenge.email });
    expect(await rejection(answerCode(pool, challenge, challenge.code))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
  });

  it('asks a user with a temporary password for a new one', async () => {
    const pool = await choicePool(cognito);
    const email = 'temporary@example.com';
    await cognito.adminCreateUser({
      UserPoolId: pool.poolId,
      Username: email,
      MessageAction: 'SUPPRESS',
      TemporaryPassword: 'Temp-Passw0rd!',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    const challenge = await emailCodeChallenge(pool, email);
    const next = await answerCode(pool, challenge, challenge.code);
    expect(next.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const done = await respond(cognito, pool, 'NEW_PASSWORD_REQUIRED', next.Session, {
      USERNAME: email,
      NEW_PASSWORD: 'N3w-Passw0rd!',
    });
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });
});

describe('remembered devices', () => {
  it('get a new device after a one-time code, and a confirmed one must prove itself', async () => {
    const pool = await choicePool(cognito, { tracksDevices: true });
    const challenge = await emailCodeChallenge(pool);
    const first = await answerCode(pool, challenge, challenge.code);
    const metadata = first.AuthenticationResult!.NewDeviceMetadata!;
    expect(metadata.DeviceKey).toMatch(/^us-east-1_/);
    await cognito.confirmDevice({
      AccessToken: first.AuthenticationResult!.AccessToken!,
      DeviceKey: metadata.DeviceKey!,
      DeviceSecretVerifierConfig: deviceSecret(metadata.DeviceGroupKey!, metadata.DeviceKey!).verifierConfig,
    });
    const { Session } = await initiate(cognito, pool, {
      USERNAME: challenge.email,
      PREFERRED_CHALLENGE: 'EMAIL_OTP',
      DEVICE_KEY: metadata.DeviceKey!,
    });
    const next = await respond(cognito, pool, 'EMAIL_OTP', Session, {
      USERNAME: challenge.email,
      EMAIL_OTP_CODE: lastCode(emulator, challenge.email).code!,
    });
    expect(next.ChallengeName).toBe('DEVICE_SRP_AUTH');
  });
});

describe('passkeys (WEB_AUTHN)', () => {
  /** A user of a pool allowing passkeys, with one registered by a software authenticator. */
  async function userWithPasskey() {
    const pool = await choicePool(cognito, { factors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'] });
    const { email } = await choiceUser(cognito, pool);
    const before = await initiate(cognito, pool, { USERNAME: email });
    expect(before.AvailableChallenges).not.toContain('WEB_AUTHN');
    const { AuthenticationResult } = await initiate(cognito, pool, {
      USERNAME: email,
      PREFERRED_CHALLENGE: 'PASSWORD',
      PASSWORD,
    });
    const authenticator = new SoftwareAuthenticator();
    await registerPasskey(cognito, AuthenticationResult!.AccessToken!, authenticator);
    return { pool, email, authenticator, accessToken: AuthenticationResult!.AccessToken! };
  }

  it('are offered once registered, and answer the challenge’s options', async () => {
    const { pool, email, authenticator, accessToken } = await userWithPasskey();
    expect((await initiate(cognito, pool, { USERNAME: email })).AvailableChallenges).toEqual([
      'PASSWORD',
      'PASSWORD_SRP',
      'EMAIL_OTP',
      'WEB_AUTHN',
    ]);
    expect(
      (await cognito.getUserAuthFactors({ AccessToken: accessToken })).ConfiguredUserAuthFactors,
    ).toEqual(['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN']);
    const challenge = await initiate(cognito, pool, { USERNAME: email, PREFERRED_CHALLENGE: 'WEB_AUTHN' });
    expect(challenge.ChallengeName).toBe('WEB_AUTHN');
    const options = JSON.parse(challenge.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!) as RequestOptions;
    expect(options).toMatchObject({ rpId: 'localhost', challenge: expect.any(String) });
    expect(options.allowCredentials!.map((c) => c.id)).toEqual(authenticator.credentialIds);
    const done = await respond(cognito, pool, 'WEB_AUTHN', challenge.Session, {
      USERNAME: email,
      CREDENTIAL: JSON.stringify(authenticator.get(options)),
    });
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  it('refuse an assertion of another challenge, and spend the session', async () => {
    const { pool, email, authenticator } = await userWithPasskey();
    const choice = await initiate(cognito, pool, { USERNAME: email });
    const challenge = await respond(cognito, pool, 'SELECT_CHALLENGE', choice.Session, {
      USERNAME: email,
      ANSWER: 'WEB_AUTHN',
    });
    expect(challenge.ChallengeName).toBe('WEB_AUTHN');
    const options = JSON.parse(challenge.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!) as RequestOptions;
    const forged = authenticator.get(options, { challenge: Buffer.from('another').toString('base64url') });
    expect(
      await rejection(
        respond(cognito, pool, 'WEB_AUTHN', challenge.Session, {
          USERNAME: email,
          CREDENTIAL: JSON.stringify(forged),
        }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException' });
    expect(
      await rejection(
        respond(cognito, pool, 'WEB_AUTHN', challenge.Session, {
          USERNAME: email,
          CREDENTIAL: JSON.stringify(authenticator.get(options)),
        }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
    expect(
      await rejection(respond(cognito, pool, 'WEB_AUTHN', challenge.Session, { USERNAME: email })),
    ).toMatchObject({ name: 'NotAuthorizedException' });
  });
});
