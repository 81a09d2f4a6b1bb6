import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { recordCognitoCalls, type RequestLog } from './clients/request-log.js';
import { deviceTrackingPool, emulatorWithSdk, PASSWORD, userWithPassword } from './helpers.js';

// amazon-cognito-identity-js, unchanged, with remembered devices: its default sign-in (USER_SRP_AUTH)
// confirms the device the emulator issues, caches the device key and password in its storage, and
// signs in with device authentication (DEVICE_SRP_AUTH) from then on. Every call it makes is
// observed (not changed) by wrapping `fetch`.

/** The library's storage, in memory and per test, so that one user's cached device stays its own. */
class MemoryStorage implements ICognitoStorage {
  private readonly items = new Map<string, string>();
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
  keysEndingWith(suffix: string) {
    return [...this.items.keys()].filter((key) => key.endsWith(suffix));
  }
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
  log = recordCognitoCalls(emulator.endpoint);
});
beforeEach(() => void log.take());
afterAll(async () => {
  log?.stop();
  await emulator?.stop();
});

let count = 0;
const newUser = () => userWithPassword(cognito, pool.poolId, `identity-js-device${count++}@example.com`);

/** A CognitoUser of the pool over the given storage (a new object each time, as a new page load). */
const userOf = (email: string, storage: MemoryStorage) =>
  new CognitoUser({
    Username: email,
    Pool: new CognitoUserPool({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      endpoint: emulator.endpoint,
      Storage: storage,
    }),
    Storage: storage,
  });

const authenticate = (user: CognitoUser) =>
  new Promise<{ session: CognitoUserSession; userConfirmationNecessary: boolean | undefined }>(
    (resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: PASSWORD }), {
        onSuccess: (session, userConfirmationNecessary) => resolve({ session, userConfirmationNecessary }),
        onFailure: reject,
      }),
  );

const callback =
  <T>(resolve: (value: T) => void, reject: (error: unknown) => void) =>
  () => ({ onSuccess: resolve, onFailure: reject });

const remember = (user: CognitoUser) =>
  new Promise<string>((resolve, reject) => user.setDeviceStatusRemembered(callback(resolve, reject)()));

const forget = (user: CognitoUser) =>
  new Promise<string>((resolve, reject) => user.forgetDevice(callback(resolve, reject)()));

interface ListedDevices {
  Devices: { DeviceKey: string; DeviceAttributes: { Name: string; Value: string }[] }[];
}
const listDevices = (user: CognitoUser) =>
  new Promise<ListedDevices>((resolve, reject) =>
    user.listDevices(60, null, callback<ListedDevices>(resolve, reject)()),
  );

const getSession = (user: CognitoUser) =>
  new Promise<CognitoUserSession>((resolve, reject) =>
    user.getSession((error: Error | null, session: CognitoUserSession | null) =>
      error ? reject(error) : resolve(session!),
    ),
  );

const refreshSession = (user: CognitoUser, session: CognitoUserSession) =>
  new Promise<CognitoUserSession>((resolve, reject) =>
    user.refreshSession(session.getRefreshToken(), (error: unknown, refreshed: CognitoUserSession) =>
      error ? reject(error) : resolve(refreshed),
    ),
  );

const deviceKeyOf = (session: CognitoUserSession) =>
  session.getAccessToken().decodePayload().device_key as string;

const challengesOf = (calls: ReturnType<RequestLog['take']>) =>
  calls.map((c) => (c.target === 'RespondToAuthChallenge' ? c.request.ChallengeName : c.target));

describe('amazon-cognito-identity-js with remembered devices', () => {
  it('confirms its device, remembers it, lists it, then signs in with DEVICE_SRP_AUTH', async () => {
    const email = await newUser();
    const storage = new MemoryStorage();
    const first = userOf(email, storage);
    const { session, userConfirmationNecessary } = await authenticate(first);
    // The pool asks the user first: the library reports it and the app remembers the device.
    expect(userConfirmationNecessary).toBe(true);
    const deviceKey = deviceKeyOf(session);
    expect(challengesOf(log.take())).toEqual(['InitiateAuth', 'PASSWORD_VERIFIER', 'ConfirmDevice']);
    expect(storage.keysEndingWith('.deviceKey')).toHaveLength(1);
    expect(await remember(first)).toBe('SUCCESS');

    const { Devices } = await listDevices(first);
    expect(Devices.map((d) => d.DeviceKey)).toEqual([deviceKey]);
    expect(Devices[0]!.DeviceAttributes).toContainEqual({
      Name: 'dev:device_remembered_status',
      Value: 'remembered',
    });
    log.take();

    // A new page load: a new CognitoUser over the same storage signs in on the remembered device.
    const second = userOf(email, storage);
    const again = await authenticate(second);
    const calls = log.take();
    expect(challengesOf(calls)).toEqual([
      'InitiateAuth',
      'PASSWORD_VERIFIER',
      'DEVICE_SRP_AUTH',
      'DEVICE_PASSWORD_VERIFIER',
    ]);
    expect(calls[1]!.request.ChallengeResponses).toMatchObject({ DEVICE_KEY: deviceKey });
    expect(calls[3]!.response.AuthenticationResult).not.toHaveProperty('NewDeviceMetadata');
    expect(deviceKeyOf(again.session)).toBe(deviceKey);
    expect(again.userConfirmationNecessary).toBeUndefined();
  });

  it('getSession and refreshSession keep the device: the refresh sends its key', async () => {
    const email = await newUser();
    const storage = new MemoryStorage();
    const user = userOf(email, storage);
    const { session } = await authenticate(user);
    const deviceKey = deviceKeyOf(session);
    // A new page load finds the signed-in user in the storage, as an app does.
    const current = new CognitoUserPool({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      endpoint: emulator.endpoint,
      Storage: storage,
    }).getCurrentUser()!;
    const cached = await getSession(current);
    expect(cached.getAccessToken().getJwtToken()).toBe(session.getAccessToken().getJwtToken());
    log.take();
    const refreshed = await refreshSession(user, session);
    const [call] = log.take();
    expect(call).toMatchObject({
      target: 'InitiateAuth',
      request: { AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { DEVICE_KEY: deviceKey } },
    });
    expect(deviceKeyOf(refreshed)).toBe(deviceKey);
    expect(refreshed.getAccessToken().getJwtToken()).not.toBe(session.getAccessToken().getJwtToken());
  });

  it('forgetDevice forgets it on both sides: the next sign-in gets and confirms a new device', async () => {
    const email = await newUser();
    const storage = new MemoryStorage();
    const user = userOf(email, storage);
    const { session } = await authenticate(user);
    const forgotten = deviceKeyOf(session);
    expect(await forget(user)).toBe('SUCCESS');
    expect((await listDevices(user)).Devices).toEqual([]);
    expect(storage.keysEndingWith('.deviceKey')).toEqual([]);
    log.take();

    const again = await authenticate(userOf(email, storage));
    expect(challengesOf(log.take())).toEqual(['InitiateAuth', 'PASSWORD_VERIFIER', 'ConfirmDevice']);
    expect(deviceKeyOf(again.session)).not.toBe(forgotten);
  });

  it('a device an administrator forgot: the library drops its key on "Device does not exist." and retries', async () => {
    const email = await newUser();
    const storage = new MemoryStorage();
    const { session } = await authenticate(userOf(email, storage));
    await cognito.adminForgetDevice({
      UserPoolId: pool.poolId,
      Username: email,
      DeviceKey: deviceKeyOf(session),
    });
    log.take();

    const again = await authenticate(userOf(email, storage));
    const calls = log.take();
    expect(challengesOf(calls)).toEqual([
      'InitiateAuth',
      'PASSWORD_VERIFIER',
      'PASSWORD_VERIFIER',
      'ConfirmDevice',
    ]);
    expect(calls[1]!.response).toMatchObject({
      __type: 'ResourceNotFoundException',
      message: 'Device does not exist.',
    });
    expect(deviceKeyOf(again.session)).not.toBe(deviceKeyOf(session));
  });
});
