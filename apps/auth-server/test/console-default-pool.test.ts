import { type RunningEmulator, type Seed, startEmulator } from 'cognito-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess, ensureBuilt } from './process-server.js';
import { get, post } from './server.js';

const POOL_ID = 'eu-west-1_Console1';
const PASSWORD = 'Correct-horse-9';

/**
 * A pool and app clients as the AWS console makes them: users sign in with their email, and the
 * clients allow only ALLOW_USER_SRP_AUTH and ALLOW_REFRESH_TOKEN_AUTH (one with a secret, as for
 * a "traditional web application", one without, as for a single-page app).
 */
const SEED: Seed = {
  pools: [
    {
      name: 'console',
      id: POOL_ID,
      settings: {
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
      },
      clients: [
        {
          name: 'web-app',
          id: 'consolewebapp1',
          secret: 'console-web-app-secret-0123456789',
          settings: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
        },
        {
          name: 'spa',
          id: 'consolespa1',
          settings: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
        },
      ],
    },
  ],
};

describe('the compiled server on a console-default app client (SRP and refresh only)', () => {
  let emulator: RunningEmulator;
  const servers: ServerProcess[] = [];
  const serverFor = async (env: Record<string, string>) => {
    const server = await startServerProcess({
      COGNITO_USER_POOL_ID: POOL_ID,
      COGNITO_ENDPOINT: emulator.endpoint,
      // Rate limits off: the tests send many requests from one address.
      RATE_LIMIT_PER_IP: '0',
      RATE_LIMIT_PER_ACCOUNT: '0',
      ...env,
    });
    servers.push(server);
    return server;
  };
  let webApp: ServerProcess;
  let spa: ServerProcess;

  beforeAll(async () => {
    ensureBuilt();
    emulator = await startEmulator({ port: 0, seed: SEED });
    // No COGNITO_AUTH_FLOW: the default must be what a console client allows.
    [webApp, spa] = await Promise.all([
      serverFor({
        COGNITO_CLIENT_ID: 'consolewebapp1',
        COGNITO_CLIENT_SECRET: 'console-web-app-secret-0123456789',
      }),
      serverFor({ COGNITO_CLIENT_ID: 'consolespa1' }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await emulator?.stop();
  });

  const codeFor = (email: string) => emulator.messages({ to: email }).at(-1)?.code ?? '';

  async function signedUp(server: ServerProcess, email: string): Promise<void> {
    expect((await post(`${server.url}/auth/sign-up`, { email, password: PASSWORD })).status).toBe(201);
    const confirm = await post(`${server.url}/auth/confirm-sign-up`, { email, code: codeFor(email) });
    expect(confirm.status).toBe(204);
  }

  it('says at start that it signs in with SRP', async () => {
    await webApp.waitFor(/sign-in: USER_SRP_AUTH/);
  });

  for (const [name, server] of [
    ['with a client secret', () => webApp],
    ['without a client secret', () => spa],
  ] as const) {
    it(`signs up, signs in, refreshes and changes the password ${name}`, async () => {
      const url = server().url;
      const email = `ada.${name.split(' ')[0]}@example.com`;
      await signedUp(server(), email);

      const signIn = await post(`${url}/auth/sign-in`, { email, password: PASSWORD });
      expect(signIn.status).toBe(200);
      expect(signIn.body).toEqual({
        accessToken: expect.stringMatching(/^eyJ/),
        idToken: expect.stringMatching(/^eyJ/),
        refreshToken: expect.any(String),
        expiresIn: 3600,
        tokenType: 'Bearer',
      });
      const authorization = `Bearer ${signIn.body.accessToken}`;
      const me = await get(`${url}/auth/me`, { authorization });
      expect(me).toMatchObject({ status: 200, body: { email, emailVerified: true } });

      // Another case: the pool ignores case, and SRP proves the password for the stored user.
      const shouting = await post(`${url}/auth/sign-in`, { email: email.toUpperCase(), password: PASSWORD });
      expect(shouting.status).toBe(200);

      const refreshed = await post(`${url}/auth/refresh`, {
        refreshToken: signIn.body.refreshToken,
        username: me.body.username,
      });
      expect(refreshed).toMatchObject({ status: 200, body: { accessToken: expect.stringMatching(/^eyJ/) } });

      const newPassword = 'Battery-staple-7';
      const change = await post(
        `${url}/auth/change-password`,
        { previousPassword: PASSWORD, proposedPassword: newPassword },
        { authorization },
      );
      expect(change.status).toBe(204);
      expect((await post(`${url}/auth/sign-in`, { email, password: newPassword })).status).toBe(200);
      const old = await post(`${url}/auth/sign-in`, { email, password: PASSWORD });
      expect(old).toMatchObject({ status: 401, body: { code: 'NOT_AUTHORIZED' } });
    });
  }

  it('fails alike for a wrong password and an unknown email', async () => {
    await signedUp(webApp, 'bo@example.com');
    const wrong = await post(`${webApp.url}/auth/sign-in`, {
      email: 'bo@example.com',
      password: 'Wrong-horse-9',
    });
    const unknown = await post(`${webApp.url}/auth/sign-in`, {
      email: 'nobody@example.com',
      password: PASSWORD,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      statusCode: 401,
      code: 'NOT_AUTHORIZED',
      message: 'Incorrect username or password.',
    });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('answers the new-password challenge of an invited user after SRP', async () => {
    const admin = await serverFor({
      COGNITO_CLIENT_ID: 'consolespa1',
      ADMIN_EMAIL: 'root@example.com',
      ADMIN_PASSWORD: 'Root-passw0rd-1',
    });
    await admin.waitFor(/administrator root@example\.com: created/, 30_000);
    const root = await post(`${admin.url}/auth/sign-in`, {
      email: 'root@example.com',
      password: 'Root-passw0rd-1',
    });
    expect(root.status).toBe(200);
    const invite = await post(
      `${admin.url}/admin/users`,
      { email: 'cy@example.com', temporaryPassword: 'Temporary-pass-1' },
      { authorization: `Bearer ${root.body.accessToken}` },
    );
    expect(invite.status).toBe(201);
    const first = await post(`${admin.url}/auth/sign-in`, {
      email: 'cy@example.com',
      password: 'Temporary-pass-1',
    });
    expect(first.body).toMatchObject({ challenge: 'NEW_PASSWORD_REQUIRED', session: expect.any(String) });
    const answered = await post(`${admin.url}/auth/respond-to-challenge`, {
      challenge: 'NEW_PASSWORD_REQUIRED',
      email: 'cy@example.com',
      session: first.body.session,
      newPassword: PASSWORD,
    });
    expect(answered).toMatchObject({ status: 200, body: { accessToken: expect.stringMatching(/^eyJ/) } });
  }, 60_000);

  it('says the client is misconfigured when told to use a flow the client does not allow', async () => {
    const misconfigured = await serverFor({
      COGNITO_CLIENT_ID: 'consolespa1',
      COGNITO_AUTH_FLOW: 'USER_PASSWORD_AUTH',
    });
    await signedUp(spa, 'di@example.com');
    const signIn = await post(`${misconfigured.url}/auth/sign-in`, {
      email: 'di@example.com',
      password: PASSWORD,
    });
    expect(signIn.status).toBe(502);
    expect(signIn.body).toEqual({
      statusCode: 502,
      code: 'CLIENT_MISCONFIGURED',
      message: 'The server’s Cognito app client is misconfigured.',
    });
    expect(JSON.stringify(signIn.body)).not.toContain(PASSWORD);
  });
});
