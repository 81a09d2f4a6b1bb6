import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoTokenVerifier } from '../src/index.js';
import { rotatePoolSigningKey } from './emulator-keys.js';
import { forger } from './forge.js';
import { guardedApp } from './guarded-app.js';
import {
  bearer,
  type Cognito,
  PASSWORD,
  request,
  signedInTokens,
  startApp,
  startCognito,
} from './helpers.js';

/** A JWKS endpoint in front of the emulator's that the test can take down, counting its fetches. */
async function jwksProxy(upstream: string) {
  let up = true;
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    fetches++;
    if (!up) {
      res.writeHead(503).end();
      return;
    }
    fetch(`${upstream}${req.url}`)
      .then(async (answer) => {
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
      })
      .catch(() => res.writeHead(502).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setUp: (value: boolean) => (up = value),
    get fetches() {
      return fetches;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let cognito: Cognito;
let accessToken: string;
beforeAll(async () => {
  cognito = await startCognito();
  ({ accessToken } = await signedInTokens(cognito, 'jwks@example.com'));
});
afterAll(() => cognito.emulator.stop());

describe('the JWKS', () => {
  it('down at start-up: the app starts, refuses every token without crashing, and recovers when it returns', async () => {
    const proxy = await jwksProxy(cognito.emulator.endpoint);
    proxy.setUp(false);
    const server = await startApp(
      'fastify',
      guardedApp({
        ...cognito.options('public'),
        endpoint: proxy.url,
        verification: { jwks: { bootAttempts: 2, minRefetchIntervalSeconds: 0.2 } },
      }),
    );
    try {
      for (let i = 0; i < 5; i++) {
        const answer = await request('GET', `${server.url}/t/me`, undefined, bearer(accessToken));
        expect(answer).toMatchObject({ status: 401, body: { code: 'INVALID_TOKEN' } });
      }
      proxy.setUp(true);
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect((await request('GET', `${server.url}/t/me`, undefined, bearer(accessToken))).status).toBe(200);
      // Down again: the cached keys keep serving.
      proxy.setUp(false);
      expect((await request('GET', `${server.url}/t/me`, undefined, bearer(accessToken))).status).toBe(200);
    } finally {
      await server.close();
      await proxy.close();
    }
  });

  it('1,000 requests with random kids cost a bounded number of JWKS fetches', async () => {
    const proxy = await jwksProxy(cognito.emulator.endpoint);
    const server = await startApp(
      'fastify',
      guardedApp({
        ...cognito.options('public'),
        endpoint: proxy.url,
        verification: { jwks: { minRefetchIntervalSeconds: 10 } },
      }),
    );
    try {
      const f = forger(cognito.emulator, cognito.poolId);
      const claims = f.claimsOf(accessToken);
      const before = proxy.fetches;
      const header = (kid: string) =>
        Buffer.from(JSON.stringify({ alg: 'RS256', kid })).toString('base64url');
      const [, payload, signature] = f.signed(claims).split('.');
      const statuses: number[] = [];
      for (let batch = 0; batch < 20; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 50 }, () =>
            request(
              'GET',
              `${server.url}/t/me`,
              undefined,
              bearer(`${header(randomUUID())}.${payload}.${signature}`),
            ),
          ),
        );
        statuses.push(...answers.map((a) => a.status));
      }
      expect(statuses).toHaveLength(1000);
      expect(new Set(statuses)).toEqual(new Set([401]));
      expect(proxy.fetches - before).toBeLessThanOrEqual(2);
      // The genuine token is unaffected.
      expect((await request('GET', `${server.url}/t/me`, undefined, bearer(accessToken))).status).toBe(200);
    } finally {
      await server.close();
      await proxy.close();
    }
  });

  it('a new key (rotation) is fetched for its unknown kid and empties the verified-token cache', async () => {
    const server = await startApp(
      'fastify',
      guardedApp({ ...cognito.options('public'), verification: { jwks: { minRefetchIntervalSeconds: 0 } } }),
    );
    try {
      const verifier = server.app.get(CognitoTokenVerifier);
      expect((await request('GET', `${server.url}/t/me`, undefined, bearer(accessToken))).status).toBe(200);
      expect(verifier.cache.size).toBeGreaterThan(0);
      // Rotate the pool's key in the emulator: its JWKS now holds another key.
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      rotatePoolSigningKey(cognito.emulator, cognito.poolId, pem, 'rotated-kid');
      const { AuthenticationResult } = await cognito.sdk.initiateAuth({
        ClientId: cognito.options('public').clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'jwks@example.com', PASSWORD },
      });
      expect(
        (await request('GET', `${server.url}/t/me`, undefined, bearer(AuthenticationResult!.AccessToken!)))
          .status,
      ).toBe(200);
      // The keys changed: what was verified under the old ones is forgotten, and the old token fails.
      expect(verifier.cache.size).toBe(1);
      expect((await request('GET', `${server.url}/t/me`, undefined, bearer(accessToken))).status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
