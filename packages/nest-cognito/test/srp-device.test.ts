import {
  type AuthenticationResultType,
  CognitoIdentityProvider,
  type RespondToAuthChallengeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { type RunningEmulator, startEmulator } from 'cognito-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DeviceIdentity,
  devicePasswordVerifierResponses,
  type DevicePasswordVerifierParameters,
  deviceSrpAuthResponses,
  newDeviceSecret,
  type PasswordVerifierParameters,
  passwordVerifierResponses,
  srpA,
  srpClientKeys,
} from '../src/srp/index.js';

// Remembered devices end to end: the library's device SRP math against the emulator, through the
// AWS SDK (ConfirmDevice with our verifier, then DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER).

const PASSWORD = 'Correct-horse-9';
const EMAIL = 'device@example.com';

describe('device SRP against the emulator over the AWS SDK', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;
  let userPoolId: string;
  let clientId: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    cognito = new CognitoIdentityProvider({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' },
      maxAttempts: 1,
    });
    const { UserPool } = await cognito.createUserPool({
      PoolName: 'devices',
      UsernameAttributes: ['email'],
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
    });
    userPoolId = UserPool!.Id!;
    const { UserPoolClient } = await cognito.createUserPoolClient({
      UserPoolId: userPoolId,
      ClientName: 'app',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    clientId = UserPoolClient!.ClientId!;
    await cognito.signUp({ ClientId: clientId, Username: EMAIL, Password: PASSWORD });
    await cognito.adminConfirmSignUp({ UserPoolId: userPoolId, Username: EMAIL });
  });
  afterAll(() => emulator.stop());

  /** USER_SRP_AUTH (naming `deviceKey` when given) up to the answer to PASSWORD_VERIFIER. */
  async function srpSignIn(
    deviceKey?: string,
  ): Promise<{ userId: string; step: RespondToAuthChallengeCommandOutput }> {
    const keys = srpClientKeys();
    const device: Record<string, string> = deviceKey ? { DEVICE_KEY: deviceKey } : {};
    const challenge = await cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: EMAIL, SRP_A: srpA(keys), ...device },
    });
    expect(challenge.ChallengeName).toBe('PASSWORD_VERIFIER');
    const parameters = challenge.ChallengeParameters as unknown as PasswordVerifierParameters;
    const step = await cognito.respondToAuthChallenge({
      ClientId: clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: challenge.Session,
      ChallengeResponses: {
        ...passwordVerifierResponses({ userPoolId, password: PASSWORD, keys, parameters }),
        ...device,
      },
    });
    return { userId: parameters.USER_ID_FOR_SRP, step };
  }

  /** A first sign-in, then ConfirmDevice with a verifier of ours: the device and its password. */
  async function rememberDevice(): Promise<{ device: DeviceIdentity; devicePassword: string }> {
    const { step } = await srpSignIn();
    const result: AuthenticationResultType = step.AuthenticationResult!;
    const metadata = result.NewDeviceMetadata!;
    const device = { deviceKey: metadata.DeviceKey!, deviceGroupKey: metadata.DeviceGroupKey! };
    const { devicePassword, verifierConfig } = newDeviceSecret(device);
    const confirmed = await cognito.confirmDevice({
      AccessToken: result.AccessToken!,
      DeviceKey: device.deviceKey,
      DeviceSecretVerifierConfig: verifierConfig,
      DeviceName: 'srp-device.test',
    });
    expect(confirmed.UserConfirmationNecessary).toBe(false);
    return { device, devicePassword };
  }

  /** A sign-in naming the remembered device, answering its DEVICE_SRP_AUTH with `devicePassword`. */
  async function deviceSignIn(device: DeviceIdentity, devicePassword: string) {
    const { userId, step } = await srpSignIn(device.deviceKey);
    expect(step.ChallengeName).toBe('DEVICE_SRP_AUTH');
    const keys = srpClientKeys();
    const challenge = await cognito.respondToAuthChallenge({
      ClientId: clientId,
      ChallengeName: 'DEVICE_SRP_AUTH',
      Session: step.Session,
      ChallengeResponses: { ...deviceSrpAuthResponses({ username: userId, device, keys }) },
    });
    expect(challenge.ChallengeName).toBe('DEVICE_PASSWORD_VERIFIER');
    const parameters = challenge.ChallengeParameters as unknown as DevicePasswordVerifierParameters;
    return cognito.respondToAuthChallenge({
      ClientId: clientId,
      ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
      Session: challenge.Session,
      ChallengeResponses: {
        ...devicePasswordVerifierResponses({ device, devicePassword, keys, parameters, username: userId }),
      },
    });
  }

  it('a device confirmed with our verifier signs in with DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER', async () => {
    const { device, devicePassword } = await rememberDevice();
    const { AuthenticationResult } = await deviceSignIn(device, devicePassword);
    expect(AuthenticationResult?.AccessToken).toBeTruthy();
    expect(AuthenticationResult?.NewDeviceMetadata).toBeUndefined();
    const { Device } = await cognito.getDevice({
      AccessToken: AuthenticationResult!.AccessToken!,
      DeviceKey: device.deviceKey,
    });
    expect(Device?.DeviceKey).toBe(device.deviceKey);
  });

  it('another device password is a wrong password', async () => {
    const { device } = await rememberDevice();
    const { devicePassword: other } = newDeviceSecret(device);
    await expect(deviceSignIn(device, other)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });
});
