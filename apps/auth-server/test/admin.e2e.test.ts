import { CognitoAdminService } from 'nest-cognito';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../src/first-admin.js';
import { totp } from 'nest-cognito/testing';
import { get, post, put, startTestServer, type TestServer } from './server.js';

const ADMIN = { email: 'root@example.com', password: 'Root-passw0rd-1' };
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ admin: ADMIN });
});
afterAll(() => server.stop());

describe('the reference server’s first administrator', () => {
  it('is created from ADMIN_EMAIL / ADMIN_PASSWORD and may use /admin; others may not', async () => {
    const signIn = await post(`${server.url}/auth/sign-in`, ADMIN);
    expect(signIn.status).toBe(200);
    const users = await get(`${server.url}/admin/users`, {
      authorization: `Bearer ${signIn.body.accessToken}`,
    });
    expect(users.status).toBe(200);
    expect(users.body.users.map((u: { email: string }) => u.email)).toContain(ADMIN.email);

    await post(`${server.url}/auth/sign-up`, { email: 'someone@example.com', password: 'Correct-horse-9' });
    await post(`${server.url}/auth/confirm-sign-up`, {
      email: 'someone@example.com',
      code: server.codeFor('someone@example.com'),
    });
    const other = await post(`${server.url}/auth/sign-in`, {
      email: 'someone@example.com',
      password: 'Correct-horse-9',
    });
    expect(
      (await get(`${server.url}/admin/users`, { authorization: `Bearer ${other.body.accessToken}` })).status,
    ).toBe(403);
  });

  it('reads and sets a user’s second factors: turns off the app of a user who lost it', async () => {
    const admin = {
      authorization: `Bearer ${(await post(`${server.url}/auth/sign-in`, ADMIN)).body.accessToken}`,
    };
    const email = 'lost-phone@example.com';
    const password = 'Correct-horse-9';
    await post(`${server.url}/auth/sign-up`, { email, password });
    await post(`${server.url}/auth/confirm-sign-up`, { email, code: server.codeFor(email) });
    const user = {
      authorization: `Bearer ${(await post(`${server.url}/auth/sign-in`, { email, password })).body.accessToken}`,
    };
    const path = `${server.url}/admin/users/${encodeURIComponent(email)}/mfa`;
    expect(await get(path, admin)).toMatchObject({ status: 200, body: { enabled: [], preferred: null } });
    expect(await put(path, { totp: true }, admin)).toMatchObject({
      status: 400,
      body: { code: 'INVALID_PARAMETER' },
    });

    const { secret } = (await post(`${server.url}/auth/mfa/totp`, undefined, user)).body as {
      secret: string;
    };
    expect((await post(`${server.url}/auth/mfa/totp/verify`, { code: totp(secret) }, user)).status).toBe(204);
    expect((await put(path, { totp: true, preferred: 'TOTP' }, admin)).status).toBe(204);
    expect((await get(path, admin)).body).toEqual({ enabled: ['TOTP'], preferred: 'TOTP' });
    expect((await post(`${server.url}/auth/sign-in`, { email, password })).body.challenge).toBe(
      'SOFTWARE_TOKEN_MFA',
    );

    expect((await put(path, { totp: false }, admin)).status).toBe(204);
    expect((await get(path, admin)).body).toEqual({ enabled: [], preferred: null });
    expect((await post(`${server.url}/auth/sign-in`, { email, password })).body).toMatchObject({
      accessToken: expect.any(String),
    });
    expect((await get(path, user)).status).toBe(403);
    expect(await get(`${server.url}/admin/users/nobody%40example.com/mfa`, admin)).toMatchObject({
      status: 404,
      body: { code: 'USER_NOT_FOUND' },
    });
  });

  it('is ensured idempotently at every start, keeping a password the administrator changed', async () => {
    const admin = server.app.get(CognitoAdminService);
    await admin.setPassword(ADMIN.email, 'Changed-passw0rd-2', true);
    expect(await ensureFirstAdmin(admin, ADMIN, 'admin')).toBe('existing');
    expect(
      (await post(`${server.url}/auth/sign-in`, { email: ADMIN.email, password: 'Changed-passw0rd-2' }))
        .status,
    ).toBe(200);
  });
});
