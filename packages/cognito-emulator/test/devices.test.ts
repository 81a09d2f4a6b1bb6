import type {
  AuthenticationResultType,
  CognitoIdentityProvider,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { secretHash } from '../src/services/secret-hash.js';
import { contextOf } from '../src/start.js';
import { deviceSecret, passwordClaim, srpStart, srpTimestamp } from './device-srp-client.js';
import {
  deviceTrackingPool,
  emulatorWithSdk,
  PASSWORD,
  race,
  rejection,
  userWithPassword,
  wire,
} from './helpers.js';

// Device tracking through the AWS SDK over HTTP: the pool's DeviceConfiguration, NewDeviceMetadata,
// the device operations (user and admin forms), device authentication (DEVICE_SRP_AUTH, answered
// with the SRP client of ./device-srp-client.ts) and refresh with DEVICE_KEY.
let clock = Date.now();
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk({ now: () => clock }));
});
afterAll(() => emulator.stop());

const ALL_FLOWS = [
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
];
const DEVICE_KEY = /^us-east-1_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_DEVICE = 'us-east-1_00000000-0000-0000-0000-000000000000';
let count = 0;

interface TestPool {
  poolId: string;
  clientId: string;
  clientSecret?: string | undefined;
}

/** A pool that tracks devices, and a client of every password flow. */
const trackingPool = (options: { prompt?: boolean; secret?: boolean } = {}): Promise<TestPool> =>
  deviceTrackingPool(cognito, { flows: ALL_FLOWS, ...options });

/** A confirmed user of the pool with the test password; its email. */
const newUser = (pool: TestPool) =>
  userWithPassword(cognito, pool.poolId, `device-user${count++}@example.com`);

const hashOf = (pool: TestPool, name: string): Record<string, string> =>
  pool.clientSecret ? { SECRET_HASH: secretHash(pool.clientSecret, name, pool.clientId) } : {};

const claims = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

/** USER_PASSWORD_AUTH, with a DEVICE_KEY if given. */
const passwordSignIn = (pool: TestPool, email: string, deviceKey?: string) =>
  cognito.initiateAuth({
    ClientId: pool.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: {
      USERNAME: email,
      PASSWORD,
      ...hashOf(pool, email),
      ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
    },
  });

interface TestDevice {
  key: string;
  groupKey: string;
  password: string;
  tokens: AuthenticationResultType;
  userConfirmationNecessary: boolean | undefined;
}

/** A sign-in that gets a new device key, and the device confirmed with a verifier of its own. */
async function confirmedDevice(pool: TestPool, email: string, name = 'laptop'): Promise<TestDevice> {
  const { AuthenticationResult } = await passwordSignIn(pool, email);
  const { DeviceKey, DeviceGroupKey } = AuthenticationResult!.NewDeviceMetadata!;
  const secret = deviceSecret(DeviceGroupKey!, DeviceKey!);
  const { UserConfirmationNecessary } = await cognito.confirmDevice({
    AccessToken: AuthenticationResult!.AccessToken!,
    DeviceKey: DeviceKey!,
    DeviceSecretVerifierConfig: secret.verifierConfig,
    DeviceName: name,
  });
  return {
    key: DeviceKey!,
    groupKey: DeviceGroupKey!,
    password: secret.password,
    tokens: AuthenticationResult!,
    userConfirmationNecessary: UserConfirmationNecessary,
  };
}

/** USER_SRP_AUTH's first step: the PASSWORD_VERIFIER challenge and the client's SRP secret. */
async function srpInitiate(pool: TestPool, email: string) {
  const start = srpStart();
  const { ChallengeParameters } = await cognito.initiateAuth({
    ClientId: pool.clientId,
    AuthFlow: 'USER_SRP_AUTH',
    AuthParameters: { USERNAME: email, SRP_A: start.A.toString(16), ...hashOf(pool, email) },
  });
  return { start, parameters: ChallengeParameters! };
}

/** The PASSWORD_VERIFIER answer's responses for the test password (and its secret hash). */
function passwordVerifierResponses(
  pool: TestPool,
  start: { a: bigint; A: bigint },
  parameters: Record<string, string>,
): Record<string, string> {
  const userId = parameters.USER_ID_FOR_SRP!;
  const timestamp = srpTimestamp(new Date(clock));
  return {
    USERNAME: userId,
    PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK!,
    TIMESTAMP: timestamp,
    PASSWORD_CLAIM_SIGNATURE: passwordClaim({
      name: pool.poolId.split('_')[1]!,
      id: userId,
      password: PASSWORD,
      start,
      parameters,
      timestamp,
    }),
    ...hashOf(pool, userId),
  };
}

/** The DEVICE_SRP_AUTH answer: the DEVICE_PASSWORD_VERIFIER challenge and the client's SRP secret. */
async function answerDeviceSrpAuth(pool: TestPool, email: string, device: TestDevice, session: string) {
  const start = srpStart();
  const challenge = await cognito.respondToAuthChallenge({
    ClientId: pool.clientId,
    ChallengeName: 'DEVICE_SRP_AUTH',
    Session: session,
    ChallengeResponses: {
      USERNAME: email,
      DEVICE_KEY: device.key,
      SRP_A: start.A.toString(16),
      ...hashOf(pool, email),
    },
  });
  return { start, challenge };
}

/** The DEVICE_PASSWORD_VERIFIER answer's responses, signed with the given device password. */
function deviceVerifierResponses(
  pool: TestPool,
  device: TestDevice,
  start: { a: bigint; A: bigint },
  parameters: Record<string, string>,
  password = device.password,
) {
  const timestamp = srpTimestamp(new Date(clock));
  return {
    USERNAME: parameters.USERNAME!,
    DEVICE_KEY: device.key,
    PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK!,
    TIMESTAMP: timestamp,
    PASSWORD_CLAIM_SIGNATURE: passwordClaim({
      name: device.groupKey,
      id: device.key,
      password,
      start,
      parameters,
      timestamp,
    }),
    ...hashOf(pool, parameters.USERNAME!),
  };
}

/** A whole sign-in on a known device: password, DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER. */
async function deviceSignIn(pool: TestPool, email: string, device: TestDevice) {
  const first = await passwordSignIn(pool, email, device.key);
  expect(first.ChallengeName).toBe('DEVICE_SRP_AUTH');
  const { start, challenge } = await answerDeviceSrpAuth(pool, email, device, first.Session!);
  const params = challenge.ChallengeParameters!;
  return cognito.respondToAuthChallenge({
    ClientId: pool.clientId,
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    Session: challenge.Session!,
    ChallengeResponses: deviceVerifierResponses(pool, device, start, params),
  });
}

describe('a pool’s DeviceConfiguration', () => {
  it('is created, described and reset by UpdateUserPool when left out', async () => {
    const { UserPool } = await cognito.createUserPool({
      PoolName: 'tracking',
      DeviceConfiguration: { DeviceOnlyRememberedOnUserPrompt: true },
    });
    // One member given turns tracking on; the other is false.
    expect(UserPool?.DeviceConfiguration).toEqual({
      ChallengeRequiredOnNewDevice: false,
      DeviceOnlyRememberedOnUserPrompt: true,
    });
    const poolId = UserPool!.Id!;
    await cognito.updateUserPool({
      UserPoolId: poolId,
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
    });
    expect((await cognito.describeUserPool({ UserPoolId: poolId })).UserPool?.DeviceConfiguration).toEqual({
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: false,
    });
    await cognito.updateUserPool({ UserPoolId: poolId });
    expect(
      (await cognito.describeUserPool({ UserPoolId: poolId })).UserPool?.DeviceConfiguration,
    ).toBeUndefined();
  });

  it('is absent from a pool created without it, and an empty one turns nothing on', async () => {
    const plain = await cognito.createUserPool({ PoolName: 'plain' });
    expect(plain.UserPool?.DeviceConfiguration).toBeUndefined();
    const empty = await cognito.createUserPool({ PoolName: 'empty', DeviceConfiguration: {} });
    expect(empty.UserPool?.DeviceConfiguration).toBeUndefined();
  });

  it('refuses members of the wrong type', async () => {
    const answer = await wire(
      emulator.endpoint,
      'CreateUserPool',
      { PoolName: 'bad', DeviceConfiguration: { ChallengeRequiredOnNewDevice: 'yes' } },
      { signed: true },
    );
    expect(answer.type).toBe('SerializationException');
  });

  it('comes from a seed file, checked as CreateUserPool checks it', async () => {
    const seeded = await startEmulator({
      port: 0,
      seed: {
        pools: [
          {
            name: 'seeded',
            id: 'us-east-1_SeedDevice',
            settings: { DeviceConfiguration: { DeviceOnlyRememberedOnUserPrompt: true } },
          },
        ],
      },
    });
    try {
      const pool = contextOf(seeded).pools.getPool('us-east-1_SeedDevice');
      expect(pool.config.DeviceConfiguration).toEqual({
        ChallengeRequiredOnNewDevice: false,
        DeviceOnlyRememberedOnUserPrompt: true,
      });
    } finally {
      await seeded.stop();
    }
    const refused = await rejection(
      startEmulator({
        port: 0,
        seed: {
          pools: [
            { name: 'bad-seed', settings: { DeviceConfiguration: { DeviceOnlyRememberedOnUserPrompt: 1 } } },
          ],
        },
      }),
    );
    expect(refused.name).toBe('SerializationException');
  });
});

describe('NewDeviceMetadata', () => {
  it('comes with every sign-in on a tracking pool; the access token names the device', async () => {
    const pool = await trackingPool();
    const email = await newUser(pool);
    const { AuthenticationResult } = await passwordSignIn(pool, email);
    const metadata = AuthenticationResult!.NewDeviceMetadata!;
    expect(metadata.DeviceKey).toMatch(DEVICE_KEY);
    expect(metadata.DeviceGroupKey).toMatch(/^-[0-9A-Za-z]{9}$/);
    expect(claims(AuthenticationResult!.AccessToken!).device_key).toBe(metadata.DeviceKey);
    expect(claims(AuthenticationResult!.IdToken!).device_key).toBeUndefined();
    // Another sign-in without a key: another device.
    const again = await passwordSignIn(pool, email);
    expect(again.AuthenticationResult?.NewDeviceMetadata?.DeviceKey).not.toBe(metadata.DeviceKey);
  });

  it('comes with admin, SRP and new-password sign-ins too', async () => {
    const pool = await trackingPool();
    const email = await newUser(pool);
    const admin = await cognito.adminInitiateAuth({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    });
    expect(admin.AuthenticationResult?.NewDeviceMetadata?.DeviceKey).toMatch(DEVICE_KEY);

    const { start, parameters } = await srpInitiate(pool, email);
    const srp = await cognito.respondToAuthChallenge({
      ClientId: pool.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: passwordVerifierResponses(pool, start, parameters),
    });
    expect(srp.AuthenticationResult?.NewDeviceMetadata?.DeviceKey).toMatch(DEVICE_KEY);

    const invited = `invited${count++}@example.com`;
    await cognito.adminCreateUser({
      UserPoolId: pool.poolId,
      Username: invited,
      TemporaryPassword: 'Temp-Passw0rd!',
      MessageAction: 'SUPPRESS',
    });
    const challenged = await cognito.initiateAuth({
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: invited, PASSWORD: 'Temp-Passw0rd!' },
    });
    const answered = await cognito.respondToAuthChallenge({
      ClientId: pool.clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: challenged.Session!,
      ChallengeResponses: { USERNAME: invited, NEW_PASSWORD: PASSWORD },
    });
    expect(answered.AuthenticationResult?.NewDeviceMetadata?.DeviceKey).toMatch(DEVICE_KEY);
  });

  it('is never given where the pool does not track devices, and DEVICE_KEY is ignored there', async () => {
    const { UserPool } = await cognito.createUserPool({
      PoolName: 'untracked',
      UsernameAttributes: ['email'],
    });
    const { UserPoolClient } = await cognito.createUserPoolClient({
      UserPoolId: UserPool!.Id!,
      ClientName: 'app',
      ExplicitAuthFlows: ALL_FLOWS as never,
    });
    const pool = { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId! };
    const email = await newUser(pool);
    const { AuthenticationResult } = await passwordSignIn(pool, email, UNKNOWN_DEVICE);
    expect(AuthenticationResult?.NewDeviceMetadata).toBeUndefined();
    expect(claims(AuthenticationResult!.AccessToken!).device_key).toBeUndefined();
  });

  it('answers a key of no device of the user with ResourceNotFoundException, before any tokens', async () => {
    const pool = await trackingPool();
    const [email, other] = [await newUser(pool), await newUser(pool)];
    const othersDevice = await confirmedDevice(pool, other);
    for (const key of [UNKNOWN_DEVICE, othersDevice.key]) {
      expect(await rejection(passwordSignIn(pool, email, key))).toMatchObject({
        name: 'ResourceNotFoundException',
        message: 'Device does not exist.',
      });
    }
    // A wrong password is still a wrong password.
    const wrong = await rejection(
      cognito.initiateAuth({
        ClientId: pool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: 'Wrong-Passw0rd!', DEVICE_KEY: UNKNOWN_DEVICE },
      }),
    );
    expect(wrong).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('gives a new key to a sign-in made with a key that was never confirmed', async () => {
    const pool = await trackingPool();
    const email = await newUser(pool);
    const pending = (await passwordSignIn(pool, email)).AuthenticationResult!.NewDeviceMetadata!.DeviceKey!;
    const again = await passwordSignIn(pool, email, pending);
    expect(again.ChallengeName).toBeUndefined();
    expect(again.AuthenticationResult?.NewDeviceMetadata?.DeviceKey).toMatch(DEVICE_KEY);
    expect(again.AuthenticationResult?.NewDeviceMetadata?.DeviceKey).not.toBe(pending);
  });
});

describe('ConfirmDevice', () => {
  it('remembers the device at once where the pool does not ask the user', async () => {
    const pool = await trackingPool({ prompt: false });
    const email = await newUser(pool);
    const device = await confirmedDevice(pool, email);
    expect(device.userConfirmationNecessary).toBe(false);
    const { Device } = await cognito.getDevice({
      AccessToken: device.tokens.AccessToken!,
      DeviceKey: device.key,
    });
    expect(Device?.DeviceKey).toBe(device.key);
    expect(Device?.DeviceAttributes).toEqual([
      { Name: 'device_status', Value: 'valid' },
      { Name: 'device_name', Value: 'laptop' },
      { Name: 'dev:device_remembered_status', Value: 'remembered' },
      { Name: 'last_ip_used', Value: '127.0.0.1' },
    ]);
    for (const date of [
      Device?.DeviceCreateDate,
      Device?.DeviceLastModifiedDate,
      Device?.DeviceLastAuthenticatedDate,
    ])
      expect(date).toBeInstanceOf(Date);
  });

  it('asks the user first (UserConfirmationNecessary) where the pool says so: not remembered yet', async () => {
    const pool = await trackingPool({ prompt: true });
    const email = await newUser(pool);
    const device = await confirmedDevice(pool, email);
    expect(device.userConfirmationNecessary).toBe(true);
    const status = async () =>
      (
        await cognito.getDevice({ AccessToken: device.tokens.AccessToken!, DeviceKey: device.key })
      ).Device?.DeviceAttributes?.find((a) => a.Name === 'dev:device_remembered_status')?.Value;
    expect(await status()).toBe('not_remembered');
    clock += 5_000;
    await cognito.updateDeviceStatus({
      AccessToken: device.tokens.AccessToken!,
      DeviceKey: device.key,
      DeviceRememberedStatus: 'remembered',
    });
    expect(await status()).toBe('remembered');
    const { Device } = await cognito.getDevice({
      AccessToken: device.tokens.AccessToken!,
      DeviceKey: device.key,
    });
    expect(Device!.DeviceLastModifiedDate!.getTime()).toBeGreaterThan(Device!.DeviceCreateDate!.getTime());
  });

  it('refuses a device confirmed already, another user’s, an unknown one, and a bad verifier', async () => {
    const pool = await trackingPool();
    const [email, other] = [await newUser(pool), await newUser(pool)];
    const device = await confirmedDevice(pool, email);
    const secret = deviceSecret(device.groupKey, device.key);
    const confirm = (accessToken: string, key: string, config = secret.verifierConfig) =>
      cognito.confirmDevice({ AccessToken: accessToken, DeviceKey: key, DeviceSecretVerifierConfig: config });
    expect(await rejection(confirm(device.tokens.AccessToken!, device.key))).toMatchObject({
      name: 'DeviceKeyExistsException',
      message: 'Device key already exists.',
    });
    const othersSignIn = (await passwordSignIn(pool, other)).AuthenticationResult!;
    const othersKey = othersSignIn.NewDeviceMetadata!.DeviceKey!;
    for (const key of [othersKey, UNKNOWN_DEVICE]) {
      expect(await rejection(confirm(device.tokens.AccessToken!, key))).toMatchObject({
        name: 'ResourceNotFoundException',
        message: 'Device does not exist.',
      });
    }
    const bad = [
      { PasswordVerifier: 'not base64!', Salt: secret.verifierConfig.Salt },
      { PasswordVerifier: secret.verifierConfig.PasswordVerifier },
      { PasswordVerifier: Buffer.from([0]).toString('base64'), Salt: secret.verifierConfig.Salt },
    ];
    for (const config of bad) {
      expect((await rejection(confirm(othersSignIn.AccessToken!, othersKey, config as never))).name).toBe(
        'InvalidParameterException',
      );
    }
    expect(
      await rejection(
        cognito.confirmDevice({ AccessToken: othersSignIn.AccessToken!, DeviceKey: othersKey }),
      ),
    ).toMatchObject({ name: 'InvalidParameterException' });
    // None of the refusals confirmed it.
    await confirm(othersSignIn.AccessToken!, othersKey);
  });

  it('of concurrent confirmations of one device, exactly one succeeds', async () => {
    const pool = await trackingPool();
    const email = await newUser(pool);
    const { AuthenticationResult } = await passwordSignIn(pool, email);
    const { DeviceKey, DeviceGroupKey } = AuthenticationResult!.NewDeviceMetadata!;
    const { won, lost } = await race(6, () =>
      cognito.confirmDevice({
        AccessToken: AuthenticationResult!.AccessToken!,
        DeviceKey: DeviceKey!,
        DeviceSecretVerifierConfig: deviceSecret(DeviceGroupKey!, DeviceKey!).verifierConfig,
      }),
    );
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.name)).toEqual(Array(5).fill('DeviceKeyExistsException'));
  });
});

describe('the device operations', () => {
  it('ListDevices pages through tracked devices only; the user sees its own', async () => {
    const pool = await trackingPool();
    const [email, other] = [await newUser(pool), await newUser(pool)];
    const devices = [await confirmedDevice(pool, email, 'one'), await confirmedDevice(pool, email, 'two')];
    await passwordSignIn(pool, email); // a key issued, never confirmed: not tracked
    await confirmedDevice(pool, other);
    const accessToken = devices[1]!.tokens.AccessToken!;
    const first = await cognito.listDevices({ AccessToken: accessToken, Limit: 1 });
    expect(first.Devices).toHaveLength(1);
    expect(first.PaginationToken).toBeTypeOf('string');
    const second = await cognito.listDevices({
      AccessToken: accessToken,
      Limit: 1,
      PaginationToken: first.PaginationToken!,
    });
    expect(second.PaginationToken).toBeUndefined();
    const listed = [...first.Devices!, ...second.Devices!].map((d) => d.DeviceKey).sort();
    expect(listed).toEqual(devices.map((d) => d.key).sort());
    const all = await cognito.listDevices({ AccessToken: accessToken });
    expect(all.Devices).toHaveLength(2);
  });

  it('GetDevice, UpdateDeviceStatus and ForgetDevice refuse a device not the caller’s', async () => {
    const pool = await trackingPool();
    const [email, other] = [await newUser(pool), await newUser(pool)];
    const mine = await confirmedDevice(pool, email);
    const theirs = await confirmedDevice(pool, other);
    const pendingKey = (await passwordSignIn(pool, email)).AuthenticationResult!.NewDeviceMetadata!
      .DeviceKey!;
    const accessToken = mine.tokens.AccessToken!;
    for (const key of [theirs.key, UNKNOWN_DEVICE, pendingKey]) {
      for (const call of [
        cognito.getDevice({ AccessToken: accessToken, DeviceKey: key }),
        cognito.updateDeviceStatus({
          AccessToken: accessToken,
          DeviceKey: key,
          DeviceRememberedStatus: 'remembered',
        }),
        cognito.forgetDevice({ AccessToken: accessToken, DeviceKey: key }),
      ]) {
        expect(await rejection(call)).toMatchObject({
          name: 'ResourceNotFoundException',
          message: 'Device does not exist.',
        });
      }
    }
    // Without an access token (the model lets GetDevice and ForgetDevice leave it out): no user.
    expect(await rejection(cognito.getDevice({ DeviceKey: mine.key }))).toMatchObject({
      name: 'NotAuthorizedException',
    });
  });

  it('ForgetDevice stops tracking: the key is unknown to sign-in and to the operations', async () => {
    const pool = await trackingPool();
    const email = await newUser(pool);
    const device = await confirmedDevice(pool, email);
    await cognito.forgetDevice({ AccessToken: device.tokens.AccessToken!, DeviceKey: device.key });
    expect(
      await rejection(cognito.getDevice({ AccessToken: device.tokens.AccessToken!, DeviceKey: device.key })),
    ).toMatchObject({ message: 'Device does not exist.' });
    expect(await rejection(passwordSignIn(pool, email, device.key))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Device does not exist.',
    });
    expect((await cognito.listDevices({ AccessToken: device.tokens.AccessToken! })).Devices).toEqual([]);
  });

  it('the admin forms do the same for any user, signed, by user name or email', async () => {
    const pool = await trackingPool();
    const email = await newUser(pool);
    const device = await confirmedDevice(pool, email);
    const admin = { UserPoolId: pool.poolId, Username: email };
    expect((await cognito.adminGetDevice({ ...admin, DeviceKey: device.key })).Device?.DeviceKey).toBe(
      device.key,
    );
    expect((await cognito.adminListDevices(admin)).Devices?.map((d) => d.DeviceKey)).toEqual([device.key]);
    await cognito.adminUpdateDeviceStatus({
      ...admin,
      DeviceKey: device.key,
      DeviceRememberedStatus: 'not_remembered',
    });
    const { Device } = await cognito.adminGetDevice({ ...admin, DeviceKey: device.key });
    expect(Device?.DeviceAttributes).toContainEqual({
      Name: 'dev:device_remembered_status',
      Value: 'not_remembered',
    });
    for (const target of [
      'AdminGetDevice',
      'AdminListDevices',
      'AdminForgetDevice',
      'AdminUpdateDeviceStatus',
    ]) {
      const unsigned = await wire(emulator.endpoint, target, { ...admin, DeviceKey: device.key });
      expect({ target, type: unsigned.type }).toEqual({
        target,
        type: 'MissingAuthenticationTokenException',
      });
    }
    expect(
      await rejection(
        cognito.adminGetDevice({ ...admin, Username: 'nobody@example.com', DeviceKey: device.key }),
      ),
    ).toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
    await cognito.adminForgetDevice({ ...admin, DeviceKey: device.key });
    expect(await rejection(cognito.adminGetDevice({ ...admin, DeviceKey: device.key }))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Device does not exist.',
    });
  });

  it('deleting a user forgets its devices', async () => {
    const pool = await trackingPool();
    const email = await newUser(pool);
    const device = await confirmedDevice(pool, email);
    await cognito.adminDeleteUser({ UserPoolId: pool.poolId, Username: email });
    const rows = contextOf(emulator)
      .db.prepare('SELECT COUNT(*) AS n FROM devices WHERE pool_id = ? AND device_key = ?')
      .get(pool.poolId, device.key) as { n: number };
    expect(rows.n).toBe(0);
  });
});

describe('DEVICE_SRP_AUTH', () => {
  it('a sign-in with a tracked device’s key proves the device, then gets tokens naming it', async () => {
    const pool = await trackingPool();
    const email = await newUser(pool);
    const device = await confirmedDevice(pool, email);
    const first = await passwordSignIn(pool, email, device.key);
    expect(first.ChallengeName).toBe('DEVICE_SRP_AUTH');
    // The internal user name (not the email signed in with), as AWS names the user in its challenges.
    expect(first.ChallengeParameters).toEqual({ USERNAME: claims(device.tokens.AccessToken!).username });
    expect(first.ChallengeParameters!.USERNAME).not.toBe(email);
    expect(first.Session).toBeTypeOf('string');
    expect(first.AuthenticationResult).toBeUndefined();

    clock += 60_000;
    const { start, challenge } = await answerDeviceSrpAuth(pool, email, device, first.Session!);
    expect(challenge.ChallengeName).toBe('DEVICE_PASSWORD_VERIFIER');
    const params = challenge.ChallengeParameters!;
    expect(Object.keys(params).sort()).toEqual(['DEVICE_KEY', 'SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME']);
    expect(params.DEVICE_KEY).toBe(device.key);
    expect(params.USERNAME).toBe(claims(device.tokens.AccessToken!).username);
    const answer = await cognito.respondToAuthChallenge({
      ClientId: pool.clientId,
      ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
      Session: challenge.Session!,
      ChallengeResponses: deviceVerifierResponses(pool, device, start, params),
    });
    const tokens = answer.AuthenticationResult!;
    expect(tokens.NewDeviceMetadata).toBeUndefined();
    expect(tokens.RefreshToken).toBeTypeOf('string');
    expect(claims(tokens.AccessToken!).device_key).toBe(device.key);
    await cognito.getUser({ AccessToken: tokens.AccessToken! });
    const { Device } = await cognito.getDevice({ AccessToken: tokens.AccessToken!, DeviceKey: device.key });
    expect(Device!.DeviceLastAuthenticatedDate!.getTime()).toBe(clock);
  });

  it('goes through USER_SRP_AUTH with DEVICE_KEY in the PASSWORD_VERIFIER answer, and a secret hash', async () => {
    const pool = await trackingPool({ secret: true });
    const email = await newUser(pool);
    const device = await confirmedDevice(pool, email);
    const { start, parameters } = await srpInitiate(pool, email);
    const userId = parameters.USER_ID_FOR_SRP!;
    const verified = await cognito.respondToAuthChallenge({
      ClientId: pool.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: { ...passwordVerifierResponses(pool, start, parameters), DEVICE_KEY: device.key },
    });
    expect(verified.ChallengeName).toBe('DEVICE_SRP_AUTH');
    expect(verified.ChallengeParameters).toEqual({ USERNAME: userId });
    // Device challenges need the secret hash of the user name they are given.
    const deviceStart = srpStart();
    expect(
      await rejection(
        cognito.respondToAuthChallenge({
          ClientId: pool.clientId,
          ChallengeName: 'DEVICE_SRP_AUTH',
          Session: verified.Session!,
          ChallengeResponses: { USERNAME: userId, DEVICE_KEY: device.key, SRP_A: deviceStart.A.toString(16) },
        }),
      ),
    ).toMatchObject({
      name: 'NotAuthorizedException',
      message: `Client ${pool.clientId} is configured with secret but SECRET_HASH was not received`,
    });
    const { start: next, challenge } = await answerDeviceSrpAuth(pool, userId, device, verified.Session!);
    const answer = await cognito.respondToAuthChallenge({
      ClientId: pool.clientId,
      ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
      Session: challenge.Session!,
      ChallengeResponses: deviceVerifierResponses(pool, device, next, challenge.ChallengeParameters!),
    });
    expect(claims(answer.AuthenticationResult!.AccessToken!).device_key).toBe(device.key);
  });

  it('a device the user chose not to remember still authenticates (it is tracked)', async () => {
    const pool = await trackingPool({ prompt: true });
    const email = await newUser(pool);
    const device = await confirmedDevice(pool, email);
    const answer = await deviceSignIn(pool, email, device);
    expect(answer.AuthenticationResult?.AccessToken).toBeTypeOf('string');
  });

  it('a wrong device password is a wrong password, and spends the session', async () => {
    const pool = await trackingPool();
    const email = await newUser(pool);
    const device = await confirmedDevice(pool, email);
    const first = await passwordSignIn(pool, email, device.key);
    const { start, challenge } = await answerDeviceSrpAuth(pool, email, device, first.Session!);
    const params = challenge.ChallengeParameters!;
    const answer = (password: string) =>
      cognito.respondToAuthChallenge({
        ClientId: pool.clientId,
        ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
        Session: challenge.Session!,
        ChallengeResponses: deviceVerifierResponses(pool, device, start, params, password),
      });
    expect(await rejection(answer('not-the-device-password'))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect(await rejection(answer(device.password))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
  });

  it('refuses another device’s key, a stale secret block and a malformed timestamp, keeping the session', async () => {
    const pool = await trackingPool();
    const email = await newUser(pool);
    const device = await confirmedDevice(pool, email);
    const other = await confirmedDevice(pool, email, 'phone');
    const first = await passwordSignIn(pool, email, device.key);
    expect(
      await rejection(
        cognito.respondToAuthChallenge({
          ClientId: pool.clientId,
          ChallengeName: 'DEVICE_SRP_AUTH',
          Session: first.Session!,
          ChallengeResponses: { USERNAME: email, DEVICE_KEY: other.key, SRP_A: srpStart().A.toString(16) },
        }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
    const { start, challenge } = await answerDeviceSrpAuth(pool, email, device, first.Session!);
    const responses = deviceVerifierResponses(pool, device, start, challenge.ChallengeParameters!);
    const respond = (changes: Record<string, string>) =>
      cognito.respondToAuthChallenge({
        ClientId: pool.clientId,
        ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
        Session: challenge.Session!,
        ChallengeResponses: { ...responses, ...changes },
      });
    expect(await rejection(respond({ PASSWORD_CLAIM_SECRET_BLOCK: 'AAAA' }))).toMatchObject({
      message: 'Invalid session for the user.',
    });
    expect(await rejection(respond({ TIMESTAMP: '2026-11-23T10:00:00Z' }))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'TIMESTAMP format is invalid.',
    });
    expect((await respond({})).AuthenticationResult?.AccessToken).toBeTypeOf('string');
  });

  it('an unknown DEVICE_KEY in the PASSWORD_VERIFIER answer leaves the exchange for the retry without it', async () => {
    const pool = await trackingPool();
    const email = await newUser(pool);
    const { start, parameters } = await srpInitiate(pool, email);
    const responses = passwordVerifierResponses(pool, start, parameters);
    expect(
      await rejection(
        cognito.respondToAuthChallenge({
          ClientId: pool.clientId,
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeResponses: { ...responses, DEVICE_KEY: UNKNOWN_DEVICE },
        }),
      ),
    ).toMatchObject({ name: 'ResourceNotFoundException', message: 'Device does not exist.' });
    const retried = await cognito.respondToAuthChallenge({
      ClientId: pool.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: responses,
    });
    expect(retried.AuthenticationResult?.NewDeviceMetadata?.DeviceKey).toMatch(DEVICE_KEY);
  });

  it('a device forgotten between the challenge and its answer no longer signs in', async () => {
    const pool = await trackingPool();
    const email = await newUser(pool);
    const device = await confirmedDevice(pool, email);
    const first = await passwordSignIn(pool, email, device.key);
    const { start, challenge } = await answerDeviceSrpAuth(pool, email, device, first.Session!);
    await cognito.adminForgetDevice({ UserPoolId: pool.poolId, Username: email, DeviceKey: device.key });
    expect(
      await rejection(
        cognito.respondToAuthChallenge({
          ClientId: pool.clientId,
          ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
          Session: challenge.Session!,
          ChallengeResponses: deviceVerifierResponses(pool, device, start, challenge.ChallengeParameters!),
        }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('of concurrent answers to one DEVICE_SRP_AUTH, exactly one gets the next challenge', async () => {
    const pool = await trackingPool();
    const email = await newUser(pool);
    const device = await confirmedDevice(pool, email);
    const first = await passwordSignIn(pool, email, device.key);
    const { won, lost } = await race(6, () => answerDeviceSrpAuth(pool, email, device, first.Session!));
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.message)).toEqual(Array(5).fill('Invalid session for the user.'));
  });

  it('of concurrent DEVICE_PASSWORD_VERIFIER answers, exactly one gets tokens', async () => {
    const pool = await trackingPool();
    const email = await newUser(pool);
    const device = await confirmedDevice(pool, email);
    const first = await passwordSignIn(pool, email, device.key);
    const { start, challenge } = await answerDeviceSrpAuth(pool, email, device, first.Session!);
    const responses = deviceVerifierResponses(pool, device, start, challenge.ChallengeParameters!);
    const { won, lost } = await race(6, () =>
      cognito.respondToAuthChallenge({
        ClientId: pool.clientId,
        ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
        Session: challenge.Session!,
        ChallengeResponses: responses,
      }),
    );
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.message)).toEqual(Array(5).fill('Invalid session for the user.'));
  });
});

describe('refresh with DEVICE_KEY', () => {
  const refreshAuth = (pool: TestPool, token: string, deviceKey?: string) =>
    cognito.initiateAuth({
      ClientId: pool.clientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: token, ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
    });

  it('tokens issued to a tracked device refresh only with its key, and keep naming it', async () => {
    const pool = await trackingPool();
    const email = await newUser(pool);
    const device = await confirmedDevice(pool, email);
    const other = await confirmedDevice(pool, email, 'phone');
    const token = device.tokens.RefreshToken!;
    for (const key of [undefined, other.key, UNKNOWN_DEVICE]) {
      expect(await rejection(refreshAuth(pool, token, key))).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Invalid Refresh Token',
      });
      expect(
        await rejection(
          cognito.getTokensFromRefreshToken({
            ClientId: pool.clientId,
            RefreshToken: token,
            ...(key ? { DeviceKey: key } : {}),
          }),
        ),
      ).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
    }
    const refreshed = await refreshAuth(pool, token, device.key);
    expect(claims(refreshed.AuthenticationResult!.AccessToken!).device_key).toBe(device.key);
    const fromApi = await cognito.getTokensFromRefreshToken({
      ClientId: pool.clientId,
      RefreshToken: token,
      DeviceKey: device.key,
    });
    expect(claims(fromApi.AuthenticationResult!.AccessToken!).device_key).toBe(device.key);
  });

  it('tokens of a device key never confirmed refresh without it (the client never kept it)', async () => {
    const pool = await trackingPool();
    const email = await newUser(pool);
    const { AuthenticationResult } = await passwordSignIn(pool, email);
    const refreshed = await refreshAuth(pool, AuthenticationResult!.RefreshToken!);
    expect(claims(refreshed.AuthenticationResult!.AccessToken!).device_key).toBe(
      AuthenticationResult!.NewDeviceMetadata!.DeviceKey,
    );
  });

  it('tokens from device authentication refresh with the device’s key', async () => {
    const pool = await trackingPool();
    const email = await newUser(pool);
    const device = await confirmedDevice(pool, email);
    const { AuthenticationResult } = await deviceSignIn(pool, email, device);
    expect(await rejection(refreshAuth(pool, AuthenticationResult!.RefreshToken!))).toMatchObject({
      message: 'Invalid Refresh Token',
    });
    await refreshAuth(pool, AuthenticationResult!.RefreshToken!, device.key);
  });
});
