import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { deviceSecret, passwordClaim, srpStart, srpTimestamp } from './device-srp-client.js';
import { PASSWORD } from './helpers.js';
import { arnOf } from './lambda-helpers.js';
import { poolWithTriggers, TestFunctions, triggerEmulator } from './triggers-pool.js';

// The pre token generation sources of the sign-ins that end in a challenge answer: a new password
// (TokenGeneration_NewPasswordChallenge) and a remembered device (TokenGeneration_AuthenticateDevice).
const functions = new TestFunctions(['pre-token']);
const PRE_TOKEN = { LambdaConfig: { PreTokenGeneration: arnOf('pre-token') } };

describe('pre token generation sources of challenge answers', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;

  beforeAll(async () => {
    ({ emulator, cognito } = await triggerEmulator(functions));
  });
  afterAll(() => emulator.stop());
  beforeEach(() => functions.reset());

  it('TokenGeneration_NewPasswordChallenge, with the answer’s client metadata', async () => {
    const pool = await poolWithTriggers(cognito, {}, PRE_TOKEN);
    await cognito.adminCreateUser({
      UserPoolId: pool.poolId,
      Username: 'new@example.com',
      TemporaryPassword: 'Temp-Passw0rd!',
      MessageAction: 'SUPPRESS',
    });
    const { Session } = await cognito.initiateAuth({
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'new@example.com', PASSWORD: 'Temp-Passw0rd!' },
    });
    await cognito.respondToAuthChallenge({
      ClientId: pool.clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session,
      ChallengeResponses: { USERNAME: 'new@example.com', NEW_PASSWORD: PASSWORD },
      ClientMetadata: { screen: 'first-login' },
    });
    const events = functions.of('pre-token');
    expect(events.map((e) => e.triggerSource)).toEqual(['TokenGeneration_NewPasswordChallenge']);
    expect(events[0]?.request).toMatchObject({ clientMetadata: { screen: 'first-login' } });
  });

  it('TokenGeneration_AuthenticateDevice after DEVICE_PASSWORD_VERIFIER', async () => {
    const pool = await poolWithTriggers(
      cognito,
      {},
      {
        ...PRE_TOKEN,
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
      },
    );
    await cognito.adminCreateUser({
      UserPoolId: pool.poolId,
      Username: 'device@example.com',
      MessageAction: 'SUPPRESS',
    });
    await cognito.adminSetUserPassword({
      UserPoolId: pool.poolId,
      Username: 'device@example.com',
      Password: PASSWORD,
      Permanent: true,
    });
    const signIn = (deviceKey?: string) =>
      cognito.initiateAuth({
        ClientId: pool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: {
          USERNAME: 'device@example.com',
          PASSWORD,
          ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
        },
      });
    // A first sign-in gets a device key; the device is confirmed with a verifier of its own.
    const first = (await signIn()).AuthenticationResult!;
    const { DeviceKey, DeviceGroupKey } = first.NewDeviceMetadata!;
    const secret = deviceSecret(DeviceGroupKey!, DeviceKey!);
    await cognito.confirmDevice({
      AccessToken: first.AccessToken!,
      DeviceKey: DeviceKey!,
      DeviceSecretVerifierConfig: secret.verifierConfig,
    });
    functions.reset();
    // The next sign-in on it: DEVICE_SRP_AUTH, then DEVICE_PASSWORD_VERIFIER.
    const challenge = await signIn(DeviceKey!);
    expect(challenge.ChallengeName).toBe('DEVICE_SRP_AUTH');
    const start = srpStart();
    const srp = await cognito.respondToAuthChallenge({
      ClientId: pool.clientId,
      ChallengeName: 'DEVICE_SRP_AUTH',
      Session: challenge.Session!,
      ChallengeResponses: {
        USERNAME: 'device@example.com',
        DEVICE_KEY: DeviceKey!,
        SRP_A: start.A.toString(16),
      },
    });
    const parameters = srp.ChallengeParameters!;
    const timestamp = srpTimestamp(new Date());
    const { AuthenticationResult } = await cognito.respondToAuthChallenge({
      ClientId: pool.clientId,
      ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
      Session: srp.Session!,
      ChallengeResponses: {
        USERNAME: parameters.USERNAME!,
        DEVICE_KEY: DeviceKey!,
        PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK!,
        TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: passwordClaim({
          name: DeviceGroupKey!,
          id: DeviceKey!,
          password: secret.password,
          start,
          parameters,
          timestamp,
        }),
      },
    });
    expect(AuthenticationResult?.AccessToken).toBeDefined();
    expect(functions.of('pre-token').map((e) => e.triggerSource)).toEqual([
      'TokenGeneration_AuthenticateDevice',
    ]);
  });
});
