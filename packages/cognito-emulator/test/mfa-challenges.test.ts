import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { appCode } from './clients/totp.js';
import { deviceSecret } from './device-srp-client.js';
import { emulatorWithSdk, PASSWORD, race, rejection } from './helpers.js';

// SMS and email codes, SELECT_MFA_TYPE, MFA_SETUP, MFA after NEW_PASSWORD_REQUIRED, and remembered
// devices skipping MFA, through the AWS SDK over HTTP. Codes are read from the outbox (kind MFA).

let clock = Math.floor(Date.now() / 30_000) * 30_000 + 5_000;
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => ({ emulator, cognito } = await emulatorWithSdk({ now: () => clock })));
afterAll(() => emulator.stop());

const SMS = { SnsCallerArn: 'arn:aws:iam::000000000000:role/sns-caller', ExternalId: 'x' };
const FLOWS = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
let count = 0;

/** A pool (email as user name) offering every factor in the given mode, and a client. */
async function mfaPool(options: {
  mode: 'ON' | 'OPTIONAL';
  factors?: ('sms' | 'totp' | 'email')[];
  devices?: { challengeRequiredOnNewDevice: boolean };
}) {
  const factors = options.factors ?? ['sms', 'totp', 'email'];
  const { UserPool } = await cognito.createUserPool({
    PoolName: 'mfa',
    UsernameAttributes: ['email'],
    ...(options.devices
      ? {
          DeviceConfiguration: {
            ChallengeRequiredOnNewDevice: options.devices.challengeRequiredOnNewDevice,
            DeviceOnlyRememberedOnUserPrompt: false,
          },
        }
      : {}),
  });
  const poolId = UserPool!.Id!;
  await cognito.setUserPoolMfaConfig({
    UserPoolId: poolId,
    MfaConfiguration: options.mode,
    SoftwareTokenMfaConfiguration: { Enabled: factors.includes('totp') },
    ...(factors.includes('sms')
      ? {
          SmsMfaConfiguration: {
            SmsAuthenticationMessage: 'Your sign-in code: {####}',
            SmsConfiguration: SMS,
          },
        }
      : {}),
    ...(factors.includes('email')
      ? { EmailMfaConfiguration: { Message: 'Sign in with {####}', Subject: 'Your code' } }
      : {}),
  });
  const { UserPoolClient } = await cognito.createUserPoolClient({
    UserPoolId: poolId,
    ClientName: 'app',
    ExplicitAuthFlows: FLOWS as never,
  });
  return { poolId, clientId: UserPoolClient!.ClientId! };
}

type Pool = Awaited<ReturnType<typeof mfaPool>>;

/** A confirmed user with a phone number; its email (the name it signs in with) and phone. */
async function phoneUser(pool: Pool, options: { temporary?: boolean } = {}) {
  const email = `mfa${count++}@example.com`;
  const phone = `+1555010${String(count).padStart(4, '0')}`;
  await cognito.adminCreateUser({
    UserPoolId: pool.poolId,
    Username: email,
    MessageAction: 'SUPPRESS',
    TemporaryPassword: 'Temp-Passw0rd!',
    UserAttributes: [
      { Name: 'email', Value: email },
      { Name: 'phone_number', Value: phone },
    ],
  });
  if (!options.temporary) {
    await cognito.adminSetUserPassword({
      UserPoolId: pool.poolId,
      Username: email,
      Password: PASSWORD,
      Permanent: true,
    });
  }
  return { email, phone };
}

const signIn = (pool: Pool, email: string, extra: Record<string, string> = {}) =>
  cognito.initiateAuth({
    ClientId: pool.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD, ...extra },
  });

const respond = (pool: Pool, name: string, session: string, responses: Record<string, string>) =>
  cognito.respondToAuthChallenge({
    ClientId: pool.clientId,
    ChallengeName: name as never,
    Session: session,
    ChallengeResponses: responses,
  });

/** The last MFA code sent to an address. */
const lastMfaMessage = (to: string) =>
  emulator
    .messages({ to })
    .filter((m) => m.kind === 'MFA')
    .at(-1)!;

describe('SMS_MFA', () => {
  it('sends a code to the phone, masked in the parameters; a wrong code is refused, the right one signs in', async () => {
    const pool = await mfaPool({ mode: 'OPTIONAL' });
    const { email, phone } = await phoneUser(pool);
    await cognito.adminSetUserMFAPreference({
      UserPoolId: pool.poolId,
      Username: email,
      SMSMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    const challenge = await signIn(pool, email);
    expect(challenge.ChallengeName).toBe('SMS_MFA');
    expect(challenge.ChallengeParameters).toEqual({
      CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
      CODE_DELIVERY_DESTINATION: `+*******${phone.slice(-4)}`,
    });
    const message = lastMfaMessage(phone);
    expect(message.body).toBe(`Your sign-in code: ${message.code}`);
    const wrong = String((Number(message.code) + 1) % 1_000_000).padStart(6, '0');
    const error = await rejection(
      respond(pool, 'SMS_MFA', challenge.Session!, { USERNAME: email, SMS_MFA_CODE: wrong }),
    );
    expect(error.name).toBe('CodeMismatchException');
    const answer = await respond(pool, 'SMS_MFA', challenge.Session!, {
      USERNAME: email,
      SMS_MFA_CODE: message.code!,
    });
    expect(answer.AuthenticationResult?.AccessToken).toBeDefined();
    const again = await rejection(
      respond(pool, 'SMS_MFA', challenge.Session!, { USERNAME: email, SMS_MFA_CODE: message.code! }),
    );
    expect(again).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
  });

  it('is asked of a user with a phone in a pool that requires MFA, without any preference', async () => {
    const pool = await mfaPool({ mode: 'ON', factors: ['sms'] });
    const { email } = await phoneUser(pool);
    expect((await signIn(pool, email)).ChallengeName).toBe('SMS_MFA');
  });

  it('answers a session once under eight parallel right answers', async () => {
    const pool = await mfaPool({ mode: 'ON', factors: ['sms'] });
    const { email, phone } = await phoneUser(pool);
    const { Session } = await signIn(pool, email);
    const code = lastMfaMessage(phone).code!;
    const { won, lost } = await race(8, () =>
      respond(pool, 'SMS_MFA', Session!, { USERNAME: email, SMS_MFA_CODE: code }),
    );
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.name)).toEqual(Array(7).fill('NotAuthorizedException'));
  });

  it('follows the answer to NEW_PASSWORD_REQUIRED', async () => {
    const pool = await mfaPool({ mode: 'ON', factors: ['sms'] });
    const { email, phone } = await phoneUser(pool, { temporary: true });
    const first = await cognito.initiateAuth({
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: 'Temp-Passw0rd!' },
    });
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const second = await respond(pool, 'NEW_PASSWORD_REQUIRED', first.Session!, {
      USERNAME: email,
      NEW_PASSWORD: PASSWORD,
    });
    expect(second.ChallengeName).toBe('SMS_MFA');
    const answer = await respond(pool, 'SMS_MFA', second.Session!, {
      USERNAME: email,
      SMS_MFA_CODE: lastMfaMessage(phone).code!,
    });
    expect(answer.AuthenticationResult).toBeDefined();
  });
});

describe('EMAIL_OTP', () => {
  it('sends a code by email with the pool’s subject; admin sign-in and answer', async () => {
    const pool = await mfaPool({ mode: 'OPTIONAL' });
    const { email } = await phoneUser(pool);
    await cognito.adminSetUserMFAPreference({
      UserPoolId: pool.poolId,
      Username: email,
      EmailMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    const challenge = await cognito.adminInitiateAuth({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    });
    expect(challenge.ChallengeName).toBe('EMAIL_OTP');
    expect(challenge.ChallengeParameters).toEqual({
      CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
      CODE_DELIVERY_DESTINATION: 'm***@e***',
    });
    const message = lastMfaMessage(email);
    expect(message.subject).toBe('Your code');
    expect(message.body).toBe(`Sign in with ${message.code}`);
    const answer = await cognito.adminRespondToAuthChallenge({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      ChallengeName: 'EMAIL_OTP',
      Session: challenge.Session!,
      ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE: message.code! },
    });
    expect(answer.AuthenticationResult?.IdToken).toBeDefined();
  });
});

describe('SELECT_MFA_TYPE', () => {
  it('lets a user with several factors and no preference choose, then asks the chosen one', async () => {
    const pool = await mfaPool({ mode: 'OPTIONAL' });
    const { email, phone } = await phoneUser(pool);
    await cognito.adminSetUserMFAPreference({
      UserPoolId: pool.poolId,
      Username: email,
      SMSMfaSettings: { Enabled: true },
      EmailMfaSettings: { Enabled: true },
    });
    const challenge = await signIn(pool, email);
    expect(challenge.ChallengeName).toBe('SELECT_MFA_TYPE');
    expect(JSON.parse(challenge.ChallengeParameters!.MFAS_CAN_CHOOSE!)).toEqual(['SMS_MFA', 'EMAIL_OTP']);
    const bad = await rejection(
      respond(pool, 'SELECT_MFA_TYPE', challenge.Session!, { USERNAME: email, ANSWER: 'SOFTWARE_TOKEN_MFA' }),
    );
    expect(bad.name).toBe('InvalidParameterException');
    const chosen = await respond(pool, 'SELECT_MFA_TYPE', challenge.Session!, {
      USERNAME: email,
      ANSWER: 'SMS_MFA',
    });
    expect(chosen.ChallengeName).toBe('SMS_MFA');
    expect(chosen.Session).not.toBe(challenge.Session);
    const spent = await rejection(
      respond(pool, 'SELECT_MFA_TYPE', challenge.Session!, { USERNAME: email, ANSWER: 'EMAIL_OTP' }),
    );
    expect(spent.name).toBe('NotAuthorizedException');
    const answer = await respond(pool, 'SMS_MFA', chosen.Session!, {
      USERNAME: email,
      SMS_MFA_CODE: lastMfaMessage(phone).code!,
    });
    expect(answer.AuthenticationResult).toBeDefined();
  });
});

describe('MFA_SETUP', () => {
  it('has a user without a factor set up an authenticator app with its sessions, then asks its codes', async () => {
    const pool = await mfaPool({ mode: 'ON', factors: ['totp'] });
    const { email } = await phoneUser(pool);
    const challenge = await signIn(pool, email);
    expect(challenge.ChallengeName).toBe('MFA_SETUP');
    expect(JSON.parse(challenge.ChallengeParameters!.MFAS_CAN_SETUP!)).toEqual(['SOFTWARE_TOKEN_MFA']);
    const early = await rejection(respond(pool, 'MFA_SETUP', challenge.Session!, { USERNAME: email }));
    expect(early.name).toBe('InvalidParameterException');
    const associated = await cognito.associateSoftwareToken({ Session: challenge.Session! });
    expect(associated.Session).toBeDefined();
    const reused = await rejection(cognito.associateSoftwareToken({ Session: challenge.Session! }));
    expect(reused.name).toBe('NotAuthorizedException');
    const wrong = await rejection(
      cognito.verifySoftwareToken({
        Session: associated.Session!,
        UserCode: appCode(associated.SecretCode!, clock, 4),
      }),
    );
    expect(wrong.name).toBe('EnableSoftwareTokenMFAException');
    const verified = await cognito.verifySoftwareToken({
      Session: associated.Session!,
      UserCode: appCode(associated.SecretCode!, clock),
    });
    expect(verified.Status).toBe('SUCCESS');
    const answer = await respond(pool, 'MFA_SETUP', verified.Session!, { USERNAME: email });
    const user = await cognito.getUser({ AccessToken: answer.AuthenticationResult!.AccessToken! });
    expect(user.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(user.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
    clock += 30_000;
    const next = await signIn(pool, email);
    expect(next.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const tokens = await respond(pool, 'SOFTWARE_TOKEN_MFA', next.Session!, {
      USERNAME: email,
      SOFTWARE_TOKEN_MFA_CODE: appCode(associated.SecretCode!, clock),
    });
    expect(tokens.AuthenticationResult).toBeDefined();
  });

  it('spends its session once under eight parallel AssociateSoftwareToken calls', async () => {
    const pool = await mfaPool({ mode: 'ON', factors: ['totp'] });
    const { email } = await phoneUser(pool);
    const { Session } = await signIn(pool, email);
    const { won, lost } = await race(8, () => cognito.associateSoftwareToken({ Session: Session! }));
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.name)).toEqual(Array(7).fill('NotAuthorizedException'));
    // The secret that won is the one to verify.
    const verified = await cognito.verifySoftwareToken({
      Session: won[0]!.Session!,
      UserCode: appCode(won[0]!.SecretCode!, clock),
    });
    expect(verified.Status).toBe('SUCCESS');
  });

  it('is MFAMethodNotFoundException where no factor can be set up or sent', async () => {
    const pool = await mfaPool({ mode: 'ON', factors: ['sms'] });
    const email = `nophone${count++}@example.com`;
    await cognito.adminCreateUser({ UserPoolId: pool.poolId, Username: email, MessageAction: 'SUPPRESS' });
    await cognito.adminSetUserPassword({
      UserPoolId: pool.poolId,
      Username: email,
      Password: PASSWORD,
      Permanent: true,
    });
    expect((await rejection(signIn(pool, email))).name).toBe('MFAMethodNotFoundException');
  });
});

describe('remembered devices and MFA', () => {
  /** A sign-in through SMS that remembers its device; the device key. */
  async function rememberedDevice(pool: Pool, email: string, phone: string) {
    const challenge = await signIn(pool, email);
    const answer = await respond(pool, 'SMS_MFA', challenge.Session!, {
      USERNAME: email,
      SMS_MFA_CODE: lastMfaMessage(phone).code!,
    });
    const { DeviceKey, DeviceGroupKey } = answer.AuthenticationResult!.NewDeviceMetadata!;
    await cognito.confirmDevice({
      AccessToken: answer.AuthenticationResult!.AccessToken!,
      DeviceKey: DeviceKey!,
      DeviceSecretVerifierConfig: deviceSecret(DeviceGroupKey!, DeviceKey!).verifierConfig,
    });
    return DeviceKey!;
  }

  it('skip the second factor where ChallengeRequiredOnNewDevice is true: device authentication instead', async () => {
    const pool = await mfaPool({
      mode: 'ON',
      factors: ['sms'],
      devices: { challengeRequiredOnNewDevice: true },
    });
    const { email, phone } = await phoneUser(pool);
    const deviceKey = await rememberedDevice(pool, email, phone);
    expect((await signIn(pool, email, { DEVICE_KEY: deviceKey })).ChallengeName).toBe('DEVICE_SRP_AUTH');
    expect((await signIn(pool, email)).ChallengeName).toBe('SMS_MFA');
  });

  it('do not skip it where ChallengeRequiredOnNewDevice is false: MFA, then device authentication', async () => {
    const pool = await mfaPool({
      mode: 'ON',
      factors: ['sms'],
      devices: { challengeRequiredOnNewDevice: false },
    });
    const { email, phone } = await phoneUser(pool);
    const deviceKey = await rememberedDevice(pool, email, phone);
    const challenge = await signIn(pool, email, { DEVICE_KEY: deviceKey });
    expect(challenge.ChallengeName).toBe('SMS_MFA');
    const next = await respond(pool, 'SMS_MFA', challenge.Session!, {
      USERNAME: email,
      SMS_MFA_CODE: lastMfaMessage(phone).code!,
    });
    expect(next.ChallengeName).toBe('DEVICE_SRP_AUTH');
  });
});
