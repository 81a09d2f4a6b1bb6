import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from 'cognito-emulator';
import { totp } from 'nest-cognito/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_CLIENT, EMBEDDED_POOL, EMBEDDED_SEED } from '../src/embedded-cognito.js';
import { freePort, type ServerProcess, startServerProcess } from './process-server.js';

const ADMIN = { email: 'root@example.com', password: 'Root-passw0rd-1' };

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | undefined;
}

/**
 * Every flow against the compiled server, then the whole log (stdout and stderr, at the most
 * verbose level) searched for every secret sent and received.
 */
describe('logs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auth-server-logs-'));
  const dataFile = join(dir, 'cognito.db');
  let emulatorPort: number;
  let client: { id: string; secret: string };
  let server: ServerProcess;
  /** Every secret of the run, by what it is. */
  const secrets = new Map<string, string>();
  const keep = (what: string, value: unknown) => {
    expect(typeof value, what).toBe('string');
    expect((value as string).length, what).toBeGreaterThanOrEqual(6);
    secrets.set(what, value as string);
    return value as string;
  };
  const requestIds: string[] = [];

  async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    requestIds.push(response.headers.get('x-request-id') ?? '');
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function codeFor(email: string): Promise<string> {
    const response = await fetch(
      `http://127.0.0.1:${emulatorPort}/_emulator/messages?to=${encodeURIComponent(email)}`,
    );
    const messages = (await response.json()) as { code: string | null }[];
    return messages.at(-1)?.code ?? '';
  }

  beforeAll(async () => {
    // The data file is made first, so that the test knows the app client's secret.
    const seeded = await startEmulator({ port: 0, dataFile, seed: EMBEDDED_SEED });
    client = seeded.pools[EMBEDDED_POOL]!.clients[EMBEDDED_CLIENT]! as { id: string; secret: string };
    await seeded.stop();
    keep('client secret', client.secret);
    emulatorPort = await freePort();
    server = await startServerProcess({
      COGNITO_EMULATOR_PORT: String(emulatorPort),
      COGNITO_EMULATOR_DATA: dataFile,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'verbose',
      LOG_FORMAT: 'json',
    });
    keep('admin password', ADMIN.password);
    await server.waitFor(/administrator root@example\.com: created/);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never holds a password, code, token, session, cookie, secret or SECRET_HASH', async () => {
    const email = 'ada@example.com';
    const first = keep('first password', `Pw-${randomBytes(6).toString('hex')}-9a`);
    const cookie = keep('cookie', `sid=${randomBytes(12).toString('hex')}`);

    // Sign-up and confirmation (with a cookie that must not be logged either).
    expect((await call('POST', '/auth/sign-up', { email, password: first }, { cookie })).status).toBe(201);
    const signUpCode = keep('sign-up code', await codeFor(email));
    expect((await call('POST', '/auth/confirm-sign-up', { email, code: signUpCode })).status).toBe(204);

    // A wrong password and an invalid body on the way (their error paths log too).
    const wrong = keep('wrong password', `Wrong-${randomBytes(6).toString('hex')}`);
    expect((await call('POST', '/auth/sign-in', { email, password: wrong })).status).toBe(401);
    const invalid = keep('password in an invalid body', `Inv-${randomBytes(6).toString('hex')}`);
    expect((await call('POST', '/auth/sign-up', { email: 'not-an-email', password: invalid })).status).toBe(
      400,
    );

    // Sign-in, refresh, me.
    const signIn = await call('POST', '/auth/sign-in', { email, password: first });
    expect(signIn.status).toBe(200);
    const access = keep('access token', signIn.body!.accessToken);
    keep('id token', signIn.body!.idToken);
    const refreshToken = keep('refresh token', signIn.body!.refreshToken);
    const me = await call('GET', '/auth/me', undefined, bearer(access));
    expect(me.status).toBe(200);
    const username = me.body!.username as string;
    const refreshed = await call('POST', '/auth/refresh', { refreshToken, username });
    expect(refreshed.status).toBe(200);
    keep('refreshed access token', refreshed.body!.accessToken);
    keep('refreshed id token', refreshed.body!.idToken);

    // Forgot and confirm-forgot.
    expect((await call('POST', '/auth/forgot-password', { email })).status).toBe(202);
    const resetCode = keep('reset code', await codeFor(email));
    const second = keep('second password', `Pw-${randomBytes(6).toString('hex')}-9b`);
    expect(
      (await call('POST', '/auth/confirm-forgot-password', { email, code: resetCode, newPassword: second }))
        .status,
    ).toBe(204);

    // Change password, then sign out.
    const again = await call('POST', '/auth/sign-in', { email, password: second });
    const access2 = keep('second access token', again.body!.accessToken);
    keep('second refresh token', again.body!.refreshToken);
    const third = keep('third password', `Pw-${randomBytes(6).toString('hex')}-9c`);
    expect(
      (
        await call(
          'POST',
          '/auth/change-password',
          { previousPassword: second, proposedPassword: third },
          bearer(access2),
        )
      ).status,
    ).toBe(204);
    expect((await call('POST', '/auth/sign-out', undefined, bearer(access2))).status).toBe(204);
    expect((await call('GET', '/auth/me', undefined, bearer(access2))).status).toBe(401);

    // Admin calls, and a new user through the NEW_PASSWORD_REQUIRED challenge.
    const adminSignIn = await call('POST', '/auth/sign-in', ADMIN);
    const adminToken = keep('admin access token', adminSignIn.body!.accessToken);
    keep('admin refresh token', adminSignIn.body!.refreshToken);
    const admin = bearer(adminToken);
    const hire = 'hire@example.com';
    const temporary = keep('temporary password', `Tmp-${randomBytes(6).toString('hex')}-1`);
    expect(
      (
        await call(
          'POST',
          '/admin/users',
          { email: hire, temporaryPassword: temporary, sendInvitation: false },
          admin,
        )
      ).status,
    ).toBe(201);
    expect((await call('GET', '/admin/users', undefined, admin)).status).toBe(200);
    expect((await call('GET', `/admin/users/${encodeURIComponent(hire)}`, undefined, admin)).status).toBe(
      200,
    );
    const challenge = await call('POST', '/auth/sign-in', { email: hire, password: temporary });
    expect(challenge.status).toBe(200);
    const session = keep('challenge session', challenge.body!.session);
    const chosen = keep('chosen password', `Pw-${randomBytes(6).toString('hex')}-9d`);
    const answered = await call('POST', '/auth/respond-to-challenge', {
      email: hire,
      challenge: 'NEW_PASSWORD_REQUIRED',
      session,
      newPassword: chosen,
    });
    expect(answered.status).toBe(200);
    keep('hire access token', answered.body!.accessToken);
    const set = keep('password set by an admin', `Pw-${randomBytes(6).toString('hex')}-9e`);
    expect(
      (
        await call(
          'PUT',
          `/admin/users/${encodeURIComponent(hire)}/password`,
          { password: set, permanent: true },
          admin,
        )
      ).status,
    ).toBe(204);
    expect(
      (await call('POST', `/admin/users/${encodeURIComponent(hire)}/reset-password`, undefined, admin))
        .status,
    ).toBe(204);
    keep('admin reset code', await codeFor(hire));
    expect(
      (await call('POST', `/admin/users/${encodeURIComponent(hire)}/sign-out`, undefined, admin)).status,
    ).toBe(204);
    expect((await call('DELETE', `/admin/users/${encodeURIComponent(hire)}`, undefined, admin)).status).toBe(
      204,
    );

    // An authenticator app: set up, verified, preferred, asked for at sign-in (a wrong code, then the right one).
    const mfaUser = 'mfa@example.com';
    const mfaPassword = keep('MFA user password', `Pw-${randomBytes(6).toString('hex')}-9f`);
    expect((await call('POST', '/auth/sign-up', { email: mfaUser, password: mfaPassword })).status).toBe(201);
    const mfaSignUpCode = keep('MFA user sign-up code', await codeFor(mfaUser));
    expect(
      (await call('POST', '/auth/confirm-sign-up', { email: mfaUser, code: mfaSignUpCode })).status,
    ).toBe(204);
    const mfaSignIn = await call('POST', '/auth/sign-in', { email: mfaUser, password: mfaPassword });
    const mfaAccess = keep('MFA user access token', mfaSignIn.body!.accessToken);
    keep('MFA user refresh token', mfaSignIn.body!.refreshToken);
    const mfaUsername = (await call('GET', '/auth/me', undefined, bearer(mfaAccess))).body!
      .username as string;
    const setup = await call('POST', '/auth/mfa/totp', undefined, bearer(mfaAccess));
    expect(setup.status).toBe(200);
    const totpSecret = keep('TOTP secret', setup.body!.secret);
    keep('TOTP URI', setup.body!.uri);
    const firstCode = keep('first TOTP code', totp(totpSecret));
    expect((await call('POST', '/auth/mfa/totp/verify', { code: firstCode }, bearer(mfaAccess))).status).toBe(
      204,
    );
    expect(
      (await call('PUT', '/auth/mfa', { totp: true, preferred: 'TOTP' }, bearer(mfaAccess))).status,
    ).toBe(204);
    const challenged = await call('POST', '/auth/sign-in', { email: mfaUser, password: mfaPassword });
    expect(challenged.body!.challenge).toBe('SOFTWARE_TOKEN_MFA');
    const mfaSession = keep('MFA session', challenged.body!.session);
    const answer = { email: mfaUser, challenge: 'SOFTWARE_TOKEN_MFA', session: mfaSession };
    const stale = keep('stale TOTP code', totp(totpSecret, Date.now() - 60_000));
    expect((await call('POST', '/auth/respond-to-challenge', { ...answer, code: stale })).status).toBe(400);
    const nextCode = keep('next TOTP code', totp(totpSecret, Date.now() + 30_000));
    const mfaTokens = await call('POST', '/auth/respond-to-challenge', { ...answer, code: nextCode });
    expect(mfaTokens.status).toBe(200);
    keep('MFA access token', mfaTokens.body!.accessToken);
    keep('MFA refresh token', mfaTokens.body!.refreshToken);

    // The SECRET_HASHes the server computed for each user name it sent to Cognito.
    for (const name of [email, hire, ADMIN.email, username, mfaUser, mfaUsername]) {
      keep(
        `SECRET_HASH of ${name}`,
        createHmac('sha256', client.secret)
          .update(name + client.id)
          .digest('base64'),
      );
    }

    // Stop the server so that everything it wrote is in.
    await server.stop();
    const log = `${server.stdout()}\n${server.stderr()}`;

    // The log did see the run: one request line per call, with its id.
    const lines = server
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(requestIds.length);
    for (const id of requestIds) expect(requests.some((line) => line.requestId === id)).toBe(true);
    expect(requests.find((line) => line.route === '/auth/sign-in')).toMatchObject({
      method: 'POST',
      status: expect.any(Number),
      durationMs: expect.any(Number),
    });

    for (const [what, secret] of secrets) {
      expect(log.includes(secret), `${what} appears in the log`).toBe(false);
      // Nor any long piece of it (a token cut short, a JSON-escaped copy).
      if (secret.length >= 40) expect(log.includes(secret.slice(10, 40)), `part of the ${what}`).toBe(false);
    }
    expect(log).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
    expect(log.toLowerCase()).not.toContain('bearer ');
  }, 120_000);
});
