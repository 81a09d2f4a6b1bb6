import type { CognitoIdentityProvider, LambdaConfigType } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LambdaHandler, RunningEmulator } from '../src/index.js';
import { challengeTriggers, customAuthFunctions, eventsOf, lastCodeTo } from './custom-auth-fixture.js';
import { emulatorWithSdk, PASSWORD, rejection } from './helpers.js';
import { arnOf } from './lambda-helpers.js';
import { passwordUser, signInPool, smsMfaUser } from './sign-in-pool.js';
import { lastCode, srpStart, verifierAnswer } from './user-auth-pool.js';

// The pre and post authentication triggers around every kind of sign-in, through the AWS SDK.

const refuse =
  (message: string): LambdaHandler =>
  () =>
    Promise.reject(new Error(message));

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk({
    lambdas: {
      ...customAuthFunctions,
      'pre-auth': async (event) => event,
      'post-auth': async (event) => event,
      'pre-auth-closed': refuse('Sign-in is closed'),
      'post-auth-broken': refuse('Audit log unavailable'),
    },
  }));
});
afterAll(() => emulator.stop());

const TRIGGERS: LambdaConfigType = {
  PreAuthentication: arnOf('pre-auth'),
  PostAuthentication: arnOf('post-auth'),
};
const ALL_FLOWS = [
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
];

/** A pool (email as user name, every first factor allowed) with the given triggers, and a client of every flow. */
const triggerPool = (
  options: { lambdaConfig?: LambdaConfigType; prevent?: 'ENABLED' | 'LEGACY'; tracksDevices?: boolean } = {},
) =>
  signInPool(cognito, 'auth-triggers', {
    ...options,
    lambdaConfig: options.lambdaConfig ?? TRIGGERS,
    firstFactors: ['PASSWORD', 'EMAIL_OTP'],
    flows: ALL_FLOWS,
  });

type TriggerPool = Awaited<ReturnType<typeof triggerPool>>;

let count = 0;
async function triggerUser(pool: TriggerPool) {
  const email = `auth${count++}@example.com`;
  const sub = await passwordUser(cognito, pool.poolId, email, { email_verified: 'true' });
  return { email, sub };
}

const passwordSignIn = (
  pool: TriggerPool,
  email: string,
  password = PASSWORD,
  metadata?: Record<string, string>,
) =>
  cognito.initiateAuth({
    ClientId: pool.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD: password },
    ...(metadata ? { ClientMetadata: metadata } : {}),
  });

const pre = (pool: TriggerPool) => eventsOf(emulator, pool.poolId, 'PreAuthentication_Authentication');
const post = (pool: TriggerPool) => eventsOf(emulator, pool.poolId, 'PostAuthentication_Authentication');

describe('a password sign-in (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH)', () => {
  it('runs pre authentication with InitiateAuth’s ClientMetadata as validationData, then post authentication', async () => {
    const pool = await triggerPool();
    const { email, sub } = await triggerUser(pool);
    const { AuthenticationResult } = await passwordSignIn(pool, email, PASSWORD, { captcha: 'ok' });
    expect(AuthenticationResult?.AccessToken).toEqual(expect.any(String));
    const [before] = pre(pool);
    expect(before).toMatchObject({
      version: '1',
      triggerSource: 'PreAuthentication_Authentication',
      region: 'us-east-1',
      userPoolId: pool.poolId,
      userName: sub,
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: pool.clientId },
      response: {},
    });
    expect(before!.request).toEqual({
      userAttributes: { sub, email, email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
      userNotFound: false,
      validationData: { captcha: 'ok' },
    });
    const [after] = post(pool);
    // InitiateAuth's ClientMetadata is never the post authentication trigger's, as on AWS.
    expect(after!.request).toEqual({
      userAttributes: { sub, email, email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
      newDeviceUsed: false,
    });
    const order = emulator.lambdaInvocations({ poolId: pool.poolId }).map((i) => i.trigger);
    expect(order).toEqual(['PostAuthentication', 'PreAuthentication']);
  });

  it('runs pre authentication before the password is checked, and no post authentication after a wrong one', async () => {
    const pool = await triggerPool();
    const { email } = await triggerUser(pool);
    expect(await rejection(passwordSignIn(pool, email, 'Wr0ng-password'))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect(pre(pool)).toHaveLength(1);
    expect(post(pool)).toHaveLength(0);
  });

  it('stops the sign-in when pre authentication fails, whatever the password', async () => {
    const pool = await triggerPool({
      lambdaConfig: { ...TRIGGERS, PreAuthentication: arnOf('pre-auth-closed') },
    });
    const { email } = await triggerUser(pool);
    const closed = {
      name: 'UserLambdaValidationException',
      message: 'PreAuthentication failed with error Sign-in is closed.',
    };
    expect(await rejection(passwordSignIn(pool, email))).toMatchObject(closed);
    expect(await rejection(passwordSignIn(pool, email, 'Wr0ng-password'))).toMatchObject(closed);
    expect(post(pool)).toHaveLength(0);
  });

  it('runs pre authentication for a name of no user where the client hides users, not where it is LEGACY', async () => {
    const hiding = await triggerPool();
    expect(await rejection(passwordSignIn(hiding, 'ghost@example.com'))).toMatchObject({
      name: 'NotAuthorizedException',
    });
    expect(pre(hiding)).toEqual([
      expect.objectContaining({
        userName: 'ghost@example.com',
        request: { userAttributes: {}, userNotFound: true },
      }),
    ]);
    const legacy = await triggerPool({ prevent: 'LEGACY' });
    expect(await rejection(passwordSignIn(legacy, 'ghost@example.com'))).toMatchObject({
      name: 'UserNotFoundException',
    });
    expect(pre(legacy)).toHaveLength(0);
    // A LEGACY client's triggers get no userNotFound.
    const { email } = await triggerUser(legacy);
    await passwordSignIn(legacy, email);
    expect(pre(legacy)[0]!.request).not.toHaveProperty('userNotFound');
  });

  it('gives no tokens (and no device) when post authentication fails', async () => {
    const pool = await triggerPool({
      lambdaConfig: { ...TRIGGERS, PostAuthentication: arnOf('post-auth-broken') },
      tracksDevices: true,
    });
    const { email } = await triggerUser(pool);
    expect(await rejection(passwordSignIn(pool, email))).toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'PostAuthentication failed with error Audit log unavailable.',
    });
    const { Devices } = await cognito.adminListDevices({ UserPoolId: pool.poolId, Username: email });
    expect(Devices).toEqual([]);
  });

  it('tells post authentication a new device was used where the pool tracks devices', async () => {
    const pool = await triggerPool({ tracksDevices: true });
    const { email } = await triggerUser(pool);
    await passwordSignIn(pool, email);
    expect(post(pool)[0]!.request).toMatchObject({ newDeviceUsed: true });
  });

  it('runs both for ADMIN_USER_PASSWORD_AUTH, with AdminInitiateAuth’s ClientMetadata as validationData', async () => {
    const pool = await triggerPool();
    const { email } = await triggerUser(pool);
    await cognito.adminInitiateAuth({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
      ClientMetadata: { from: 'admin' },
    });
    expect(pre(pool)[0]!.request).toMatchObject({ validationData: { from: 'admin' } });
    expect(post(pool)).toHaveLength(1);
  });
});

describe('an SRP sign-in (USER_SRP_AUTH)', () => {
  it('runs pre authentication at InitiateAuth and post authentication after the proof, with its ClientMetadata', async () => {
    const pool = await triggerPool();
    const { email } = await triggerUser(pool);
    const start = srpStart();
    const challenge = await cognito.initiateAuth({
      ClientId: pool.clientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: email, SRP_A: start.A.toString(16) },
      ClientMetadata: { step: 'initiate' },
    });
    expect(pre(pool)).toHaveLength(1);
    expect(pre(pool)[0]!.request).toMatchObject({ validationData: { step: 'initiate' } });
    expect(post(pool)).toHaveLength(0);
    const done = await cognito.respondToAuthChallenge({
      ClientId: pool.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: verifierAnswer(pool, start, challenge.ChallengeParameters!, Date.now()),
      ClientMetadata: { step: 'respond' },
    });
    expect(done.AuthenticationResult).toBeDefined();
    expect(post(pool)[0]!.request).toMatchObject({ clientMetadata: { step: 'respond' } });
  });

  it('answers no challenge when pre authentication fails', async () => {
    const pool = await triggerPool({ lambdaConfig: { PreAuthentication: arnOf('pre-auth-closed') } });
    const { email } = await triggerUser(pool);
    const error = await rejection(
      cognito.initiateAuth({
        ClientId: pool.clientId,
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: email, SRP_A: srpStart().A.toString(16) },
      }),
    );
    expect(error.name).toBe('UserLambdaValidationException');
  });
});

describe('choice-based sign-in (USER_AUTH)', () => {
  it('runs pre authentication before a code is sent, and post authentication after it is answered', async () => {
    const pool = await triggerPool();
    const { email } = await triggerUser(pool);
    const challenge = await cognito.initiateAuth({
      ClientId: pool.clientId,
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' },
      ClientMetadata: { via: 'otp' },
    });
    expect(challenge.ChallengeName).toBe('EMAIL_OTP');
    expect(pre(pool)[0]!.request).toMatchObject({ validationData: { via: 'otp' } });
    await cognito.respondToAuthChallenge({
      ClientId: pool.clientId,
      ChallengeName: 'EMAIL_OTP',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE: lastCode(emulator, email).code! },
      ClientMetadata: { via: 'answer' },
    });
    expect(pre(pool)).toHaveLength(1);
    expect(post(pool)[0]!.request).toMatchObject({ clientMetadata: { via: 'answer' } });
  });

  it('sends no code when pre authentication fails', async () => {
    const pool = await triggerPool({ lambdaConfig: { PreAuthentication: arnOf('pre-auth-closed') } });
    const { email } = await triggerUser(pool);
    const error = await rejection(
      cognito.initiateAuth({
        ClientId: pool.clientId,
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' },
      }),
    );
    expect(error.message).toBe('PreAuthentication failed with error Sign-in is closed.');
    expect(lastCode(emulator, email).count).toBe(0);
  });
});

describe('custom authentication (CUSTOM_AUTH)', () => {
  it('runs pre authentication before the define trigger and post authentication once it grants the sign-in', async () => {
    const pool = await triggerPool({ lambdaConfig: { ...TRIGGERS, ...challengeTriggers() } });
    const { email } = await triggerUser(pool);
    const challenge = await cognito.initiateAuth({
      ClientId: pool.clientId,
      AuthFlow: 'CUSTOM_AUTH',
      AuthParameters: { USERNAME: email },
      ClientMetadata: { app: 'web' },
    });
    await cognito.respondToAuthChallenge({
      ClientId: pool.clientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: email, ANSWER: lastCodeTo(email)! },
      ClientMetadata: { app: 'web', step: 'answer' },
    });
    const order = emulator
      .lambdaInvocations({ poolId: pool.poolId })
      .reverse()
      .map((i) => i.trigger);
    expect(order).toEqual([
      'PreAuthentication',
      'DefineAuthChallenge',
      'CreateAuthChallenge',
      'VerifyAuthChallengeResponse',
      'DefineAuthChallenge',
      'PostAuthentication',
    ]);
    expect(pre(pool)[0]!.request).toMatchObject({ validationData: { app: 'web' } });
    expect(post(pool)[0]!.request).toMatchObject({ clientMetadata: { app: 'web', step: 'answer' } });
  });

  it('never reaches the define trigger when pre authentication fails', async () => {
    const pool = await triggerPool({
      lambdaConfig: { ...challengeTriggers(), PreAuthentication: arnOf('pre-auth-closed') },
    });
    const { email } = await triggerUser(pool);
    const error = await rejection(
      cognito.initiateAuth({
        ClientId: pool.clientId,
        AuthFlow: 'CUSTOM_AUTH',
        AuthParameters: { USERNAME: email },
      }),
    );
    expect(error.name).toBe('UserLambdaValidationException');
    expect(eventsOf(emulator, pool.poolId, 'DefineAuthChallenge_Authentication')).toHaveLength(0);
  });
});

describe('with MFA', () => {
  it('runs post authentication after the second factor, with its answer’s ClientMetadata', async () => {
    const pool = await triggerPool();
    const { email } = await triggerUser(pool);
    const phone = '+15550400001';
    await smsMfaUser(cognito, pool.poolId, { email, phone });
    const challenge = await passwordSignIn(pool, email);
    expect(challenge.ChallengeName).toBe('SMS_MFA');
    expect(post(pool)).toHaveLength(0);
    await cognito.respondToAuthChallenge({
      ClientId: pool.clientId,
      ChallengeName: 'SMS_MFA',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: email, SMS_MFA_CODE: lastCode(emulator, phone).code! },
      ClientMetadata: { factor: 'sms' },
    });
    expect(post(pool)[0]!.request).toMatchObject({ clientMetadata: { factor: 'sms' } });
  });
});
