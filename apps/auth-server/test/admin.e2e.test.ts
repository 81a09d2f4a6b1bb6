import { CognitoAdminService } from 'nest-cognito';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../src/first-admin.js';
import { get, post, startTestServer, type TestServer } from './server.js';

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
