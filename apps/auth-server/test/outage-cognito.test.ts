import { createServer, type Server } from 'node:net';
import { type RunningEmulator, type Seed, startEmulator } from 'cognito-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  freePort,
  type ServerProcess,
  spawnServer,
  startServerProcess,
  ensureBuilt,
} from './process-server.js';
import { get, post } from './server.js';

const POOL_ID = 'us-east-1_Outage1';
const CLIENT_ID = 'outageclient1';
const CLIENT_SECRET = 'outage-client-secret-0123456789';
const USER = { email: 'ada@example.com', password: 'Correct-horse-9' };
const ADMIN = { email: 'root@example.com', password: 'Root-passw0rd-1' };

const SEED: Seed = {
  pools: [
    {
      name: 'outage',
      id: POOL_ID,
      settings: { UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] },
      clients: [
        {
          name: 'outage',
          id: CLIENT_ID,
          secret: CLIENT_SECRET,
          settings: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
        },
      ],
      users: [{ username: USER.email, password: USER.password, attributes: { email_verified: 'true' } }],
    },
  ],
};

/** A token of the right shape (a JWT with a kid) that no pool signed: only the JWKS can judge it. */
const FOREIGN_TOKEN = [
  { alg: 'RS256', kid: 'unknown-kid' },
  { sub: 'x', token_use: 'access', iss: `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}` },
]
  .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
  .concat('c2lnbmF0dXJl')
  .join('.');

describe('the compiled server while Cognito is away, and after it comes back', () => {
  let cognitoPort: number;
  let server: ServerProcess;
  let emulator: RunningEmulator | undefined;

  beforeAll(async () => {
    cognitoPort = await freePort(); // nothing listens there yet
    server = await startServerProcess({
      COGNITO_USER_POOL_ID: POOL_ID,
      COGNITO_CLIENT_ID: CLIENT_ID,
      COGNITO_CLIENT_SECRET: CLIENT_SECRET,
      COGNITO_ENDPOINT: `http://127.0.0.1:${cognitoPort}`,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await emulator?.stop();
  });

  it('starts and listens, and says which JWKS URL it could not fetch', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const warning = await server.waitFor(/JWKS not loaded at start-up/);
    // The URL really fetched: the endpoint's, not AWS's.
    expect(warning).toContain(`http://127.0.0.1:${cognitoPort}/${POOL_ID}/.well-known/jwks.json`);
    expect(warning).not.toContain('amazonaws.com');
  });

  it('answers liveness, but not readiness', async () => {
    expect(await get(`${server.url}/health`)).toMatchObject({ status: 200, body: { status: 'ok' } });
    const ready = await get(`${server.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      statusCode: 503,
      code: 'NOT_READY',
      checks: { jwks: 'down', cognito: 'down' },
    });
    expect(ready.body.message).toMatch(/jwks.*cognito/);
  });

  it('refuses bearer tokens with 401 while the JWKS is not loaded', async () => {
    const me = await get(`${server.url}/auth/me`, { authorization: `Bearer ${FOREIGN_TOKEN}` });
    expect(me.status).toBe(401);
    expect(me.body).toEqual({ statusCode: 401, code: 'INVALID_TOKEN', message: expect.any(String) });
  });

  it('answers Cognito calls with 503 COGNITO_UNAVAILABLE in the error shape', async () => {
    const signIn = await post(`${server.url}/auth/sign-in`, USER);
    expect(signIn.status).toBe(503);
    expect(signIn.body).toEqual({
      statusCode: 503,
      code: 'COGNITO_UNAVAILABLE',
      message: expect.any(String),
    });
  });

  it('keeps trying to create the first administrator, and says so', async () => {
    await server.waitFor(/administrator root@example\.com not ensured yet.*retrying/);
  });

  it('recovers without a restart once Cognito is back', async () => {
    emulator = await startEmulator({ port: cognitoPort, seed: SEED });
    const signIn = await eventually(
      async () => {
        const r = await post(`${server.url}/auth/sign-in`, USER);
        return r.status === 200 ? r : undefined;
      },
      15_000,
      'sign-in to succeed',
    );
    const token = signIn.body.accessToken as string;
    expect(token).toMatch(/^eyJ/);
    // The JWKS loads on the server's retry schedule or on demand: the token is then accepted.
    const me = await eventually(
      async () => {
        const r = await get(`${server.url}/auth/me`, { authorization: `Bearer ${token}` });
        if (r.status !== 200) expect(r.status).toBe(401);
        return r.status === 200 ? r : undefined;
      },
      30_000,
      '/auth/me to accept the token',
    );
    expect(me.body).toMatchObject({ email: USER.email });
    await server.waitFor(/administrator root@example\.com: created \(group admin\)/, 30_000);
    const ready = await get(`${server.url}/health/ready`);
    expect(ready).toMatchObject({
      status: 200,
      body: { status: 'ready', checks: { jwks: 'ok', cognito: 'ok' } },
    });
    expect(server.child.exitCode).toBeNull();
  }, 60_000);
});

describe('a start-up that cannot succeed', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('exits non-zero and says why on stderr: bad configuration', async () => {
    const server = spawnServer({
      COGNITO_USER_POOL_ID: 'not-a-pool',
      COGNITO_CLIENT_ID: 'x',
      REDIS_URL: 'http://x',
    });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(server.stderr()).toMatch(/Invalid configuration/);
    expect(server.stderr()).toMatch(/COGNITO_USER_POOL_ID must look like/);
    expect(server.stderr()).toMatch(/REDIS_URL must be a redis:\/\//);
  });

  it('exits non-zero and says why on stderr: port in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const server = spawnServer({
        PORT: String(port),
        COGNITO_EMULATOR_PORT: '0',
        COGNITO_EMULATOR_DATA: ':memory:',
      });
      const { code } = await server.exited;
      expect(code).toBe(1);
      expect(server.stderr()).toMatch(/auth-server failed to start: .*EADDRINUSE/);
    } finally {
      blocker.close();
    }
  }, 30_000);
});
