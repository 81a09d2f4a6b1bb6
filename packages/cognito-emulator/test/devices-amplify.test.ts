import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import {
  fetchAuthSession,
  fetchDevices,
  forgetDevice,
  rememberDevice,
  signIn,
  signOut,
} from 'aws-amplify/auth';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { configureAmplify } from './clients/amplify.js';
import { recordCognitoCalls, type CognitoCall, type RequestLog } from './clients/request-log.js';
import { deviceTrackingPool, emulatorWithSdk, PASSWORD, userWithPassword } from './helpers.js';

// Amplify v6 (aws-amplify/auth), unchanged, with remembered devices: `signIn` (SRP, its default)
// confirms the device the emulator issues, `rememberDevice`, `fetchDevices`, and after a sign-out
// the next `signIn` goes through device authentication (DEVICE_SRP_AUTH), seen in the calls it
// makes (observed by wrapping `fetch`, never changed). Amplify keeps its state in module globals,
// so this file configures it once and each test signs out after itself.

// Amplify names a device after `navigator.userAgent`, which browsers and Node 21+ have and Node 20
// has not: without it Amplify silently skips ConfirmDevice. Give Node 20 what Node 21 gives.
if (typeof globalThis.navigator === 'undefined') {
  Object.defineProperty(globalThis, 'navigator', {
    value: { userAgent: `Node.js/${process.versions.node}` },
    configurable: true,
  });
}

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
let log: RequestLog;
let pool: { poolId: string; clientId: string };
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
  pool = await deviceTrackingPool(cognito, {
    flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    prompt: true,
  });
  configureAmplify(emulator, pool);
  log = recordCognitoCalls(emulator.endpoint);
});
beforeEach(() => void log.take());
afterAll(async () => {
  await signOut();
  log?.stop();
  await emulator?.stop();
});

let count = 0;
const newUser = () => userWithPassword(cognito, pool.poolId, `amplify-device${count++}@example.com`);

/** The calls as the flow shows them: operations, challenges by name. */
const stepsOf = (calls: CognitoCall[]) =>
  calls.map((c) => (c.target === 'RespondToAuthChallenge' ? c.request.ChallengeName : c.target));

const deviceKeyOfSession = async () =>
  (await fetchAuthSession()).tokens?.accessToken.payload.device_key as string | undefined;

describe('Amplify v6 with remembered devices', () => {
  it('signIn confirms the device; rememberDevice and fetchDevices see it; the next signIn uses DEVICE_SRP_AUTH', async () => {
    const email = await newUser();
    const first = await signIn({ username: email, password: PASSWORD });
    expect(first.isSignedIn).toBe(true);
    const firstCalls = log.take();
    expect(stepsOf(firstCalls)).toEqual(['InitiateAuth', 'PASSWORD_VERIFIER', 'ConfirmDevice']);
    const deviceKey = await deviceKeyOfSession();
    expect(firstCalls[2]!.request).toMatchObject({ DeviceKey: deviceKey });
    expect(firstCalls[2]!.response).toEqual({ UserConfirmationNecessary: true });

    await rememberDevice();
    const devices = await fetchDevices();
    expect(devices.map((d) => d.id)).toEqual([deviceKey]);
    expect(devices[0]!.attributes).toMatchObject({
      device_status: 'valid',
      'dev:device_remembered_status': 'remembered',
    });
    expect(devices[0]!.name).toBeTypeOf('string');
    expect(devices[0]!.createDate).toBeInstanceOf(Date);

    await signOut();
    log.take();
    const again = await signIn({ username: email, password: PASSWORD });
    expect(again.isSignedIn).toBe(true);
    const calls = log.take();
    expect(stepsOf(calls)).toEqual([
      'InitiateAuth',
      'PASSWORD_VERIFIER',
      'DEVICE_SRP_AUTH',
      'DEVICE_PASSWORD_VERIFIER',
    ]);
    expect(calls[1]!.request.ChallengeResponses).toMatchObject({ DEVICE_KEY: deviceKey });
    expect(calls[1]!.response).toMatchObject({ ChallengeName: 'DEVICE_SRP_AUTH' });
    expect(calls[3]!.response.AuthenticationResult).not.toHaveProperty('NewDeviceMetadata');
    expect(await deviceKeyOfSession()).toBe(deviceKey);
    await signOut();
  });

  it('refreshes with the device key (GetTokensFromRefreshToken) and keeps the device', async () => {
    const email = await newUser();
    await signIn({ username: email, password: PASSWORD });
    const deviceKey = await deviceKeyOfSession();
    log.take();
    const refreshed = await fetchAuthSession({ forceRefresh: true });
    const [call] = log.take();
    expect(call).toMatchObject({ target: 'GetTokensFromRefreshToken', request: { DeviceKey: deviceKey } });
    expect(refreshed.tokens?.accessToken.payload.device_key).toBe(deviceKey);
    await signOut();
  });

  it('forgetDevice forgets it: the next signIn gets and confirms a new device', async () => {
    const email = await newUser();
    await signIn({ username: email, password: PASSWORD });
    const forgotten = await deviceKeyOfSession();
    await forgetDevice();
    expect(await fetchDevices()).toEqual([]);
    await signOut();
    log.take();

    await signIn({ username: email, password: PASSWORD });
    expect(stepsOf(log.take())).toEqual(['InitiateAuth', 'PASSWORD_VERIFIER', 'ConfirmDevice']);
    expect(await deviceKeyOfSession()).not.toBe(forgotten);
    await signOut();
  });
});
