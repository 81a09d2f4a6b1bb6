import { type RunningEmulator, type Seed, startEmulator } from 'cognito-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CognitoModuleOptions } from '../src/index.js';
import { request, startApp, type TestApp, withRest } from './helpers.js';

const PASSWORD = 'Correct-horse-9';
const CREDENTIALS = { accessKeyId: 'emulator', secretAccessKey: 'emulator' };

/** A client that rotates refresh tokens, with a secret (GetTokensFromRefreshToken takes it as is). */
const SEED: Seed = {
  pools: [
    {
      name: 'rotation',
      settings: { UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] },
      clients: [
        {
          name: 'rotating',
          generateSecret: true,
          settings: {
            ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
            RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
          },
        },
      ],
      users: [{ username: 'ada@example.com', password: PASSWORD, attributes: { email_verified: 'true' } }],
    },
  ],
};

describe('refreshTokenRotation: refresh through GetTokensFromRefreshToken', () => {
  let emulator: RunningEmulator;
  let app: TestApp;
  let unaware: TestApp;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: SEED, passwordCost: 4 });
    const pool = emulator.pools.rotation!;
    const client = pool.clients.rotating!;
    const options: CognitoModuleOptions = {
      userPoolId: pool.id,
      clientId: client.id,
      clientSecret: client.secret!,
      endpoint: emulator.endpoint,
      credentials: CREDENTIALS,
      authFlow: 'USER_SRP_AUTH',
    };
    app = await startApp('fastify', withRest({ ...options, refreshTokenRotation: true }));
    unaware = await startApp('fastify', withRest(options));
  });

  afterAll(async () => {
    await app?.close();
    await unaware?.close();
    await emulator?.stop();
  });

  const signIn = async (server: TestApp) => {
    const answer = await request('POST', `${server.url}/auth/sign-in`, {
      email: 'ada@example.com',
      password: PASSWORD,
    });
    expect(answer.status).toBe(200);
    return answer.body as { refreshToken: string; accessToken: string };
  };

  it('answers a new refresh token each time; the old one is spent (no grace period)', async () => {
    const { refreshToken } = await signIn(app);
    const first = await request('POST', `${app.url}/auth/refresh`, { refreshToken });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      accessToken: expect.stringMatching(/^eyJ/),
      idToken: expect.stringMatching(/^eyJ/),
      refreshToken: expect.any(String),
      expiresIn: 3600,
      tokenType: 'Bearer',
    });
    expect(first.body.refreshToken).not.toBe(refreshToken);

    const reused = await request('POST', `${app.url}/auth/refresh`, { refreshToken });
    expect(reused).toMatchObject({ status: 401, body: { statusCode: 401, code: 'NOT_AUTHORIZED' } });

    const second = await request('POST', `${app.url}/auth/refresh`, {
      refreshToken: first.body.refreshToken,
    });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
  });

  it('one winner among parallel refreshes with one token', async () => {
    const { refreshToken } = await signIn(app);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => request('POST', `${app.url}/auth/refresh`, { refreshToken })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 401)).toHaveLength(7);
  });

  it('without the option, a rotating client cannot refresh: the server is misconfigured (502)', async () => {
    const { refreshToken, accessToken } = await signIn(unaware);
    const username = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()).username;
    const answer = await request('POST', `${unaware.url}/auth/refresh`, { refreshToken, username });
    expect(answer).toMatchObject({ status: 502, body: { code: 'CLIENT_MISCONFIGURED' } });
  });
});
