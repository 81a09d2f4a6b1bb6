import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisRevocationStore } from '../src/index.js';
import { guardedApp } from './guarded-app.js';
import {
  bearer,
  type Cognito,
  PASSWORD,
  request,
  signedInTokens,
  startApp,
  startCognito,
  type TestApp,
} from './helpers.js';
import { skipWithoutRedis, startRedis } from './redis.js';

describe.skipIf(skipWithoutRedis)('RedisRevocationStore against a real redis-server', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const clients: Redis[] = [];
  const client = () => {
    const c = new Redis(redis.url, { maxRetriesPerRequest: 1, lazyConnect: false });
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    redis = await startRedis();
  }, 30_000);
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await redis?.stop();
  });

  it('records sessions and users; never lowers an issued-before time; entries expire', async () => {
    const store = new RedisRevocationStore(client(), `test:${Date.now()}:`);
    const now = Math.floor(Date.now() / 1000);
    expect(await store.isRevoked({ sub: 'u1', originJti: 'j1', issuedAt: now })).toBe(false);
    await store.revokeSession('j1', now + 60);
    expect(await store.isRevoked({ sub: 'u1', originJti: 'j1', issuedAt: now })).toBe(true);
    expect(await store.isRevoked({ sub: 'u1', originJti: 'j2', issuedAt: now })).toBe(false);
    await store.revokeUser('u2', now, now + 60);
    expect(await store.isRevoked({ sub: 'u2', issuedAt: now - 1 })).toBe(true);
    expect(await store.isRevoked({ sub: 'u2', issuedAt: now })).toBe(false);
    await store.revokeUser('u2', now - 100, now + 60);
    expect(await store.isRevoked({ sub: 'u2', issuedAt: now - 1 })).toBe(true);
    await store.revokeSession('short', now + 1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await store.isRevoked({ sub: 'x', originJti: 'short', issuedAt: now })).toBe(false);
  });

  describe('two application instances sharing Redis', () => {
    let cognito: Cognito;
    let first: TestApp;
    let second: TestApp;
    beforeAll(async () => {
      cognito = await startCognito();
      const prefix = `apps:${Date.now()}:`;
      first = await startApp(
        'fastify',
        guardedApp({
          ...cognito.options('public'),
          revocationStore: new RedisRevocationStore(client(), prefix),
        }),
      );
      second = await startApp(
        'express',
        guardedApp({
          ...cognito.options('public'),
          revocationStore: new RedisRevocationStore(client(), prefix),
        }),
      );
    });
    afterAll(async () => {
      await first?.close();
      await second?.close();
      await cognito?.emulator.stop();
    });

    it('a sign-out on one is honoured by the other', async () => {
      const email = 'shared@example.com';
      const { clientId } = cognito.options('public');
      await cognito.sdk.signUp({ ClientId: clientId, Username: email, Password: PASSWORD });
      await cognito.sdk.adminConfirmSignUp({ UserPoolId: cognito.poolId, Username: email });
      const signIn = await request('POST', `${first.url}/auth/sign-in`, { email, password: PASSWORD });
      const token = signIn.body.accessToken as string;
      expect((await request('GET', `${second.url}/t/me`, undefined, bearer(token))).status).toBe(200);
      expect((await request('POST', `${first.url}/auth/sign-out`, undefined, bearer(token))).status).toBe(
        204,
      );
      expect(await request('GET', `${second.url}/t/me`, undefined, bearer(token))).toMatchObject({
        status: 401,
        body: { message: 'Token has been revoked.' },
      });
      // The second instance had the token in its verified-token cache: the store still wins.
      expect((await request('GET', `${first.url}/t/me`, undefined, bearer(token))).status).toBe(401);
    });

    it('Redis down: the guard answers 503, never lets the token through, never 500', async () => {
      const lonely = new Redis(`redis://127.0.0.1:9`, {
        maxRetriesPerRequest: 0,
        lazyConnect: true,
        retryStrategy: () => null,
      });
      lonely.on('error', () => undefined);
      clients.push(lonely);
      const app = await startApp(
        'fastify',
        guardedApp({ ...cognito.options('public'), revocationStore: new RedisRevocationStore(lonely) }),
      );
      try {
        const { accessToken } = await signedInTokens(cognito, 'redis-down@example.com');
        expect(await request('GET', `${app.url}/t/me`, undefined, bearer(accessToken))).toMatchObject({
          status: 503,
          body: { code: 'REVOCATION_STORE_UNAVAILABLE' },
        });
      } finally {
        await app.close();
      }
    });
  });
});
