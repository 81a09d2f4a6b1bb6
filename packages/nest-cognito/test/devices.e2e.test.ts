import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { type RunningEmulator, type Seed, startEmulator } from 'cognito-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CognitoModuleOptions } from '../src/index.js';
import { readClaims } from '../src/tokens/token-claims.js';
import { bearer, request, startApp, type TestApp, withRest } from './helpers.js';

const PASSWORD = 'Correct-horse-9';
const CREDENTIALS = { accessKeyId: 'emulator', secretAccessKey: 'emulator' };
const EMAIL_POOL = {
  UsernameAttributes: ['email'],
  AutoVerifiedAttributes: ['email'],
  UsernameConfiguration: { CaseSensitive: false },
};

/**
 * Pools that track devices: one remembers every device confirmed at sign-in, one only when the
 * user says so. Clients: SRP only (the console's default), and a password client with a secret.
 */
const SEED: Seed = {
  pools: [
    {
      name: 'always',
      settings: {
        ...EMAIL_POOL,
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
      },
      clients: [
        { name: 'srp', settings: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } },
        {
          name: 'password',
          generateSecret: true,
          settings: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
        },
      ],
      groups: [{ name: 'admin' }],
    },
    {
      name: 'on-prompt',
      settings: {
        ...EMAIL_POOL,
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: true },
      },
      clients: [
        { name: 'srp', settings: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } },
      ],
    },
  ],
};

describe('remembered devices through nest-cognito (service and REST)', () => {
  let emulator: RunningEmulator;
  let sdk: CognitoIdentityProvider;
  const apps: TestApp[] = [];
  let srp: TestApp;
  let password: TestApp;
  let prompt: TestApp;

  const optionsFor = (pool: string, client: string, extra: Partial<CognitoModuleOptions>) => {
    const p = emulator.pools[pool]!;
    const c = p.clients[client]!;
    return {
      userPoolId: p.id,
      clientId: c.id,
      ...(c.secret ? { clientSecret: c.secret } : {}),
      endpoint: emulator.endpoint,
      credentials: CREDENTIALS,
      ...extra,
    } satisfies CognitoModuleOptions;
  };

  async function signUp(pool: string, email: string): Promise<void> {
    const clientId = emulator.pools[pool]!.clients.srp!.id;
    await sdk.signUp({ ClientId: clientId, Username: email, Password: PASSWORD });
    const code = emulator.messages({ to: email }).at(-1)?.code ?? '';
    await sdk.confirmSignUp({ ClientId: clientId, Username: email, ConfirmationCode: code });
  }

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: SEED, passwordCost: 4 });
    sdk = new CognitoIdentityProvider({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });
    const start = async (options: CognitoModuleOptions, admin = false) => {
      const app = await startApp('fastify', withRest(options, { auth: true, admin }));
      apps.push(app);
      return app;
    };
    srp = await start(optionsFor('always', 'srp', { authFlow: 'USER_SRP_AUTH' }), true);
    password = await start(optionsFor('always', 'password', { authFlow: 'USER_PASSWORD_AUTH' }));
    prompt = await start(optionsFor('on-prompt', 'srp', { authFlow: 'USER_SRP_AUTH' }));
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    sdk?.destroy();
    await emulator?.stop();
  });

  it('confirms the device Cognito offers, lists it, and signs in as it (DEVICE_SRP_AUTH)', async () => {
    await signUp('always', 'ada@example.com');
    const first = await request('POST', `${srp.url}/auth/sign-in`, {
      rememberDevice: true,
      email: 'ada@example.com',
      password: PASSWORD,
      deviceName: 'Firefox on Linux',
    });
    expect(first.status).toBe(200);
    const device = first.body.newDevice;
    expect(device).toEqual({
      deviceKey: expect.stringMatching(/^us-east-1_[0-9a-f-]+$/),
      deviceGroupKey: expect.any(String),
      devicePassword: expect.any(String),
      remembered: true,
    });

    const listed = await request('GET', `${srp.url}/auth/devices`, undefined, bearer(first.body.accessToken));
    expect(listed.status).toBe(200);
    expect(listed.body.devices).toEqual([
      expect.objectContaining({ deviceKey: device.deviceKey, name: 'Firefox on Linux', remembered: true }),
    ]);

    const again = await request('POST', `${srp.url}/auth/sign-in`, {
      email: 'ada@example.com',
      password: PASSWORD,
      device: {
        deviceKey: device.deviceKey,
        deviceGroupKey: device.deviceGroupKey,
        devicePassword: device.devicePassword,
      },
    });
    expect(again.status).toBe(200);
    // A known device is not offered again, and the tokens name it.
    expect(again.body.newDevice).toBeUndefined();
    expect(readClaims(again.body.accessToken).device_key).toBe(device.deviceKey);

    const refreshed = await request('POST', `${srp.url}/auth/refresh`, {
      refreshToken: again.body.refreshToken,
      deviceKey: device.deviceKey,
    });
    expect(refreshed).toMatchObject({ status: 200, body: { accessToken: expect.stringMatching(/^eyJ/) } });
  });

  it('refuses a remembered device whose password is wrong, as a wrong password', async () => {
    await signUp('always', 'bo@example.com');
    const first = await request('POST', `${srp.url}/auth/sign-in`, {
      rememberDevice: true,
      email: 'bo@example.com',
      password: PASSWORD,
    });
    const { deviceKey, deviceGroupKey } = first.body.newDevice;
    const forged = await request('POST', `${srp.url}/auth/sign-in`, {
      email: 'bo@example.com',
      password: PASSWORD,
      device: { deviceKey, deviceGroupKey, devicePassword: 'not-the-device-password' },
    });
    expect(forged).toMatchObject({ status: 401, body: { statusCode: 401, code: 'NOT_AUTHORIZED' } });
    expect(JSON.stringify(forged.body)).not.toContain('not-the-device-password');
  });

  it('works the same with the password flow and a client secret', async () => {
    await signUp('always', 'cy@example.com');
    const first = await request('POST', `${password.url}/auth/sign-in`, {
      rememberDevice: true,
      email: 'cy@example.com',
      password: PASSWORD,
    });
    expect(first.status).toBe(200);
    const device = first.body.newDevice;
    expect(device).toMatchObject({ remembered: true });
    const again = await request('POST', `${password.url}/auth/sign-in`, {
      email: 'cy@example.com',
      password: PASSWORD,
      device: {
        deviceKey: device.deviceKey,
        deviceGroupKey: device.deviceGroupKey,
        devicePassword: device.devicePassword,
      },
    });
    expect(again.status).toBe(200);
    expect(readClaims(again.body.accessToken).device_key).toBe(device.deviceKey);
  });

  it('remembers only on the user’s word where the pool says so; forgets', async () => {
    await signUp('on-prompt', 'di@example.com');
    const first = await request('POST', `${prompt.url}/auth/sign-in`, {
      rememberDevice: true,
      email: 'di@example.com',
      password: PASSWORD,
    });
    const { deviceKey } = first.body.newDevice;
    expect(first.body.newDevice.remembered).toBe(false);
    const auth = bearer(first.body.accessToken);
    const list = async () =>
      (await request('GET', `${prompt.url}/auth/devices`, undefined, auth)).body.devices;
    expect(await list()).toEqual([expect.objectContaining({ deviceKey, remembered: false })]);

    expect(
      (await request('PUT', `${prompt.url}/auth/devices/${deviceKey}`, { remembered: true }, auth)).status,
    ).toBe(204);
    expect(await list()).toEqual([expect.objectContaining({ deviceKey, remembered: true })]);
    expect(
      (await request('PUT', `${prompt.url}/auth/devices/${deviceKey}`, { remembered: false }, auth)).status,
    ).toBe(204);
    expect(await list()).toEqual([expect.objectContaining({ deviceKey, remembered: false })]);

    expect((await request('DELETE', `${prompt.url}/auth/devices/${deviceKey}`, undefined, auth)).status).toBe(
      204,
    );
    expect(await list()).toEqual([]);
    const gone = await request('DELETE', `${prompt.url}/auth/devices/${deviceKey}`, undefined, auth);
    expect(gone).toMatchObject({ status: 404, body: { code: 'RESOURCE_NOT_FOUND' } });
  });

  it('an administrator lists and forgets a user’s devices', async () => {
    await signUp('always', 'root@example.com');
    const poolId = emulator.pools.always!.id;
    const { Username } = await sdk.adminGetUser({ UserPoolId: poolId, Username: 'root@example.com' });
    await sdk.adminAddUserToGroup({ UserPoolId: poolId, Username: Username!, GroupName: 'admin' });
    const root = await request('POST', `${srp.url}/auth/sign-in`, {
      email: 'root@example.com',
      password: PASSWORD,
    });
    await signUp('always', 'eve@example.com');
    const eve = await request('POST', `${srp.url}/auth/sign-in`, {
      rememberDevice: true,
      email: 'eve@example.com',
      password: PASSWORD,
    });
    const { deviceKey } = eve.body.newDevice;
    const auth = bearer(root.body.accessToken);
    const listed = await request('GET', `${srp.url}/admin/users/eve@example.com/devices`, undefined, auth);
    expect(listed).toMatchObject({
      status: 200,
      body: { devices: [expect.objectContaining({ deviceKey })] },
    });
    const forgotten = await request(
      'DELETE',
      `${srp.url}/admin/users/eve@example.com/devices/${deviceKey}`,
      undefined,
      auth,
    );
    expect(forgotten.status).toBe(204);
    expect(
      (await request('GET', `${srp.url}/admin/users/eve@example.com/devices`, undefined, auth)).body.devices,
    ).toEqual([]);
  });

  it('validates device input before Cognito sees it', async () => {
    const noToken = await request(
      'PUT',
      `${srp.url}/auth/devices/not-a-key`,
      { remembered: true },
      bearer('x.y.z'),
    );
    expect(noToken.status).toBe(401); // the token is checked first
    await signUp('always', 'fay@example.com');
    const fay = await request('POST', `${srp.url}/auth/sign-in`, {
      rememberDevice: true,
      email: 'fay@example.com',
      password: PASSWORD,
    });
    const auth = bearer(fay.body.accessToken);
    const badKey = await request('PUT', `${srp.url}/auth/devices/not-a-key`, { remembered: true }, auth);
    expect(badKey).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', message: ['deviceKey must be a device key'] },
    });
    const key = fay.body.newDevice.deviceKey as string;
    const badBody = await request('PUT', `${srp.url}/auth/devices/${key}`, { remembered: 'yes' }, auth);
    expect(badBody).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', message: ['remembered must be a boolean value'] },
    });
    const halfDevice = await request('POST', `${srp.url}/auth/sign-in`, {
      email: 'fay@example.com',
      password: PASSWORD,
      device: { deviceKey: fay.body.newDevice.deviceKey },
    });
    expect(halfDevice).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify(halfDevice.body)).not.toContain(PASSWORD);
  });

  it('confirms no device unless asked: plain sign-ins leave the device list empty', async () => {
    await signUp('always', 'gus@example.com');
    let last: { accessToken: string; newDevice?: unknown } | undefined;
    for (let i = 0; i < 3; i++) {
      const answer = await request('POST', `${srp.url}/auth/sign-in`, {
        email: 'gus@example.com',
        password: PASSWORD,
      });
      expect(answer.status).toBe(200);
      expect(answer.body.newDevice).toBeUndefined();
      last = answer.body;
    }
    const listed = await request('GET', `${srp.url}/auth/devices`, undefined, bearer(last!.accessToken));
    expect(listed).toMatchObject({ status: 200, body: { devices: [] } });
  });

  it('a forgotten device signs in as a new one; a wrong password with it is still 401', async () => {
    await signUp('always', 'hal@example.com');
    const first = await request('POST', `${srp.url}/auth/sign-in`, {
      email: 'hal@example.com',
      password: PASSWORD,
      rememberDevice: true,
    });
    const old = first.body.newDevice;
    const forget = await request(
      'DELETE',
      `${srp.url}/auth/devices/${old.deviceKey}`,
      undefined,
      bearer(first.body.accessToken),
    );
    expect(forget.status).toBe(204);
    const device = {
      deviceKey: old.deviceKey,
      deviceGroupKey: old.deviceGroupKey,
      devicePassword: old.devicePassword,
    };
    for (const server of [srp, password]) {
      const wrong = await request('POST', `${server.url}/auth/sign-in`, {
        email: 'hal@example.com',
        password: 'Wrong-horse-9',
        device,
      });
      expect(wrong).toMatchObject({ status: 401, body: { code: 'NOT_AUTHORIZED' } });
    }
    const again = await request('POST', `${srp.url}/auth/sign-in`, {
      email: 'hal@example.com',
      password: PASSWORD,
      device,
      rememberDevice: true,
    });
    expect(again.status).toBe(200);
    expect(again.body.newDevice.deviceKey).not.toBe(old.deviceKey);
  });

  it('answers the new-password challenge of a sign-in made with a device, then its proof', async () => {
    const poolId = emulator.pools.always!.id;
    await sdk.adminCreateUser({
      UserPoolId: poolId,
      Username: 'ida@example.com',
      TemporaryPassword: 'Temporary-pass-1',
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
    });
    const first = await request('POST', `${srp.url}/auth/sign-in`, {
      email: 'ida@example.com',
      password: 'Temporary-pass-1',
    });
    expect(first.body).toMatchObject({ challenge: 'NEW_PASSWORD_REQUIRED' });
    const answered = await request('POST', `${srp.url}/auth/respond-to-challenge`, {
      challenge: 'NEW_PASSWORD_REQUIRED',
      email: 'ida@example.com',
      session: first.body.session,
      newPassword: PASSWORD,
      rememberDevice: true,
    });
    expect(answered.status).toBe(200);
    const { deviceKey, deviceGroupKey, devicePassword } = answered.body.newDevice;

    const { Username } = await sdk.adminGetUser({ UserPoolId: poolId, Username: 'ida@example.com' });
    await sdk.adminSetUserPassword({
      UserPoolId: poolId,
      Username: Username!,
      Password: 'Temporary-pass-2',
      Permanent: false,
    });
    const device = { deviceKey, deviceGroupKey, devicePassword };
    const second = await request('POST', `${srp.url}/auth/sign-in`, {
      email: 'ida@example.com',
      password: 'Temporary-pass-2',
      device,
    });
    expect(second.body).toMatchObject({ challenge: 'NEW_PASSWORD_REQUIRED' });
    const done = await request('POST', `${srp.url}/auth/respond-to-challenge`, {
      challenge: 'NEW_PASSWORD_REQUIRED',
      email: 'ida@example.com',
      session: second.body.session,
      newPassword: 'Battery-staple-7',
      device,
    });
    expect(done.status).toBe(200);
    expect(readClaims(done.body.accessToken).device_key).toBe(deviceKey);
  });

  it('refuses a device that is not an object', async () => {
    for (const device of [[], [{ deviceKey: 'us-east-1_ab' }], 'us-east-1_ab', 7]) {
      const answer = await request('POST', `${srp.url}/auth/sign-in`, {
        email: 'ada@example.com',
        password: PASSWORD,
        device,
      });
      expect(answer).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    }
  });
});
