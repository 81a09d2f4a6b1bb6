import { LimitExceededException, TooManyRequestsException } from '@aws-sdk/client-cognito-identity-provider';
import { Redis } from 'ioredis';
import { toCognitoException } from 'nest-cognito';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppSettings } from '../src/app.module.js';
import { skipWithoutRedis, startRedis } from '../../../packages/nest-cognito/test/redis.js';
import { freePort } from './process-server.js';
import { get, post, startTestServer, type TestServer } from './server.js';

const limits = (perIp: number, perAccount: number, redisUrl?: string): AppSettings => ({
  rateLimit: { windowSeconds: 60, perIp, perAccount },
  ...(redisUrl ? { redisUrl } : {}),
});
const signIn = (server: TestServer, email: string) =>
  post(`${server.url}/auth/sign-in`, { email, password: 'Wrong-passw0rd!' });

function expectTooMany(answer: { status: number; headers: Headers; body: unknown }, windowSeconds = 60) {
  expect(answer.status).toBe(429);
  expect(answer.body).toEqual({ statusCode: 429, code: 'TOO_MANY_REQUESTS', message: expect.any(String) });
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
}

describe('rate limits (in memory)', () => {
  const servers: TestServer[] = [];
  const start = async (settings: AppSettings) => {
    const server = await startTestServer({ settings });
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  it('per client IP: over the limit a route answers 429 with Retry-After; other routes keep counting apart', async () => {
    const server = await start(limits(3, 1000));
    for (let i = 0; i < 3; i++) expect((await signIn(server, `user${i}@example.com`)).status).toBe(401);
    expectTooMany(await signIn(server, 'someone-else@example.com'));
    // Each route counts on its own; routes outside the list are never limited.
    expect((await post(`${server.url}/auth/forgot-password`, { email: 'a@example.com' })).status).toBe(202);
    for (let i = 0; i < 5; i++) expect((await get(`${server.url}/health`)).status).toBe(200);
  });

  it('per account: the email in the body, folded to lower case, whatever the IP allows', async () => {
    const server = await start(limits(1000, 2));
    expect((await signIn(server, 'ada@example.com')).status).toBe(401);
    expect((await signIn(server, 'ada@example.com')).status).toBe(401);
    expectTooMany(await signIn(server, ' ADA@Example.com '));
    expect((await signIn(server, 'bob@example.com')).status).toBe(401);
  });

  it('covers sign-up, confirmations, resend, forgot-password, the challenges, MFA codes, passwordless and custom starts and refresh', async () => {
    const server = await start(limits(1, 1000));
    const routes: [string, Record<string, unknown>][] = [
      ['sign-up', { email: 'new@example.com', password: 'Correct-horse-9' }],
      ['confirm-sign-up', { email: 'x@example.com', code: '123456' }],
      ['resend-confirmation-code', { email: 'x@example.com' }],
      ['forgot-password', { email: 'x@example.com' }],
      ['confirm-forgot-password', { email: 'x@example.com', code: '123456', newPassword: 'Correct-horse-9' }],
      [
        'respond-to-challenge',
        {
          email: 'x@example.com',
          challenge: 'NEW_PASSWORD_REQUIRED',
          session: 's',
          newPassword: 'Correct-horse-9',
        },
      ],
      ['sign-in/totp-setup', { email: 'x@example.com', session: 's'.repeat(40) }],
      ['mfa/totp/verify', { code: '123456' }],
      ['refresh', { refreshToken: 'r' }],
      ['sign-in', { email: 'x@example.com', password: 'Wrong-passw0rd!' }],
      ['sign-in/passwordless', { email: 'x@example.com', factor: 'EMAIL_OTP' }],
    ];
    for (const [route, body] of routes) {
      const first = await post(`${server.url}/auth/${route}`, body);
      expect(first.status, route).not.toBe(429);
      expect(first.status, route).toBeLessThan(500);
      expectTooMany(await post(`${server.url}/auth/${route}`, body));
    }
    // Custom authentication runs the pool's triggers; the embedded pool has none (502 POOL_MISCONFIGURED),
    // and the limit still applies before Cognito is asked.
    const custom = await post(`${server.url}/auth/sign-in/custom`, { email: 'x@example.com' });
    expect(custom.status).not.toBe(429);
    expectTooMany(await post(`${server.url}/auth/sign-in/custom`, { email: 'x@example.com' }));
  });

  it('counts requests whose body is invalid too (the limit comes before validation)', async () => {
    const server = await start(limits(1000, 1));
    expect((await post(`${server.url}/auth/sign-in`, { email: 'eve@example.com' })).status).toBe(400);
    expectTooMany(await post(`${server.url}/auth/sign-in`, { email: 'eve@example.com', password: 'x' }));
  });
});

describe.skipIf(skipWithoutRedis)('rate limits in Redis, shared by two instances', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let client: Redis;
  const servers: TestServer[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
    await client.flushall();
  });
  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  it('two instances share one count, exactly, under parallel requests', async () => {
    const [a, b] = await Promise.all([
      startTestServer({ settings: limits(5, 1000, redis.url) }),
      startTestServer({ settings: limits(5, 1000, redis.url) }),
    ]);
    servers.push(a!, b!);
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => signIn(i % 2 === 0 ? a! : b!, `user${i}@example.com`)),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status !== 429)).toHaveLength(5);
    expect(statuses.filter((status) => status !== 429).every((status) => status === 401)).toBe(true);
    for (const answer of answers.filter((x) => x.status === 429)) expectTooMany(answer);
    // The counts live in Redis, under hashed keys (no email or address in clear).
    const keys = await client.keys('auth-server:rate:*');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toMatch(/example\.com|127\.0\.0\.1/);
  });

  it('per account across instances', async () => {
    const [a, b] = await Promise.all([
      startTestServer({ settings: limits(1000, 2, redis.url) }),
      startTestServer({ settings: limits(1000, 2, redis.url) }),
    ]);
    servers.push(a!, b!);
    expect((await signIn(a!, 'ada@example.com')).status).toBe(401);
    expect((await signIn(b!, 'ada@example.com')).status).toBe(401);
    expectTooMany(await signIn(a!, 'ada@example.com'));
    expectTooMany(await signIn(b!, 'ada@example.com'));
  });

  it('readiness reports Redis', async () => {
    const server = await startTestServer({ settings: limits(1000, 1000, redis.url) });
    servers.push(server);
    const ready = await get(`${server.url}/health/ready`);
    expect(ready).toMatchObject({
      status: 200,
      body: { checks: { jwks: 'ok', cognito: 'ok', redis: 'ok' } },
    });
  });

  it('while Redis is away, limits still hold in the instance’s memory and readiness says so', async () => {
    const server = await startTestServer({
      settings: limits(2, 1000, `redis://127.0.0.1:${await freePort()}`),
    });
    servers.push(server);
    expect((await signIn(server, 'a@example.com')).status).toBe(401);
    expect((await signIn(server, 'b@example.com')).status).toBe(401);
    expectTooMany(await signIn(server, 'c@example.com'));
    const ready = await get(`${server.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      code: 'NOT_READY',
      message: 'Not ready: redis',
      checks: { redis: 'down' },
    });
  });
});

describe("Cognito's own throttling", () => {
  it('TooManyRequestsException and LimitExceededException are 429 TOO_MANY_REQUESTS', () => {
    for (const error of [
      new TooManyRequestsException({ message: 'Too many requests', $metadata: {} }),
      new LimitExceededException({
        message: 'Attempt limit exceeded, please try after some time.',
        $metadata: {},
      }),
    ]) {
      const mapped = toCognitoException(error);
      expect(mapped.getStatus(), error.name).toBe(429);
      expect(mapped.code, error.name).toBe('TOO_MANY_REQUESTS');
    }
  });
});
