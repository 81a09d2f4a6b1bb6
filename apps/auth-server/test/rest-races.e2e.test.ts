import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, post, startTestServer, type TestServer } from './server.js';

// Concurrency is input too: what is created or consumed once stays so under ten parallel
// requests through the reference server's REST API (the emulator enforces it; the API maps it).
const ADMIN = { email: 'root.races@example.com', password: 'Root-passw0rd-1' };
const PASSWORD = 'Correct-horse-9';
const PARALLEL = 10;
let server: TestServer;
let admin: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ admin: ADMIN });
  admin = { authorization: `Bearer ${(await post(`${server.url}/auth/sign-in`, ADMIN)).body.accessToken}` };
});
afterAll(() => server.stop());

async function usersWithEmail(email: string): Promise<unknown[]> {
  const answer = await get(
    `${server.url}/admin/users?filter=${encodeURIComponent(`email = "${email}"`)}`,
    admin,
  );
  expect(answer.status).toBe(200);
  return answer.body.users;
}

const statuses = (answers: { status: number }[]) => answers.map((a) => a.status).sort();

describe(`${PARALLEL} parallel requests through REST`, () => {
  it('POST /auth/sign-up with one email: one 201, every other 409 USERNAME_EXISTS, one user', async () => {
    const email = 'race.sign-up@example.com';
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        post(`${server.url}/auth/sign-up`, { email, password: PASSWORD }),
      ),
    );
    expect(statuses(answers)).toEqual([201, ...Array<number>(PARALLEL - 1).fill(409)]);
    for (const answer of answers.filter((a) => a.status !== 201)) {
      expect(answer.body).toEqual({
        statusCode: 409,
        code: 'USERNAME_EXISTS',
        message: 'An account with the given email already exists.',
      });
    }
    expect(await usersWithEmail(email)).toHaveLength(1);
  });

  it('POST /admin/users with one email: one 201, every other 409 USERNAME_EXISTS, one user', async () => {
    const email = 'race.admin-create@example.com';
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        post(`${server.url}/admin/users`, { email, sendInvitation: false }, admin),
      ),
    );
    expect(statuses(answers)).toEqual([201, ...Array<number>(PARALLEL - 1).fill(409)]);
    for (const answer of answers.filter((a) => a.status !== 201)) {
      expect(answer.body).toMatchObject({ statusCode: 409, code: 'USERNAME_EXISTS' });
    }
    expect(await usersWithEmail(email)).toHaveLength(1);
  });

  it('POST /auth/respond-to-challenge with one NEW_PASSWORD_REQUIRED session: exactly one gets tokens', async () => {
    const email = 'race.challenge@example.com';
    const temporary = 'Temp-passw0rd-1';
    expect(
      (
        await post(
          `${server.url}/admin/users`,
          { email, temporaryPassword: temporary, sendInvitation: false },
          admin,
        )
      ).status,
    ).toBe(201);
    const signIn = await post(`${server.url}/auth/sign-in`, { email, password: temporary });
    expect(signIn.body).toMatchObject({ challenge: 'NEW_PASSWORD_REQUIRED', session: expect.any(String) });
    const passwords = Array.from({ length: PARALLEL }, (_, i) => `Chosen-passw0rd-${i}`);
    const answers = await Promise.all(
      passwords.map((newPassword) =>
        post(`${server.url}/auth/respond-to-challenge`, {
          email,
          challenge: 'NEW_PASSWORD_REQUIRED',
          session: signIn.body.session,
          newPassword,
        }),
      ),
    );
    const winners = answers.flatMap((answer, i) => (answer.status === 200 ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(answers[winners[0]!]!.body).toMatchObject({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
    });
    for (const answer of answers.filter((a) => a.status !== 200)) {
      expect(answer.body).toMatchObject({ statusCode: 401, code: 'NOT_AUTHORIZED' });
    }
    // Only the winner's password took effect (a few losers tried: fewer than a lockout takes).
    const winner = passwords[winners[0]!]!;
    expect((await post(`${server.url}/auth/sign-in`, { email, password: winner })).status).toBe(200);
    for (const password of passwords.filter((p) => p !== winner).slice(0, 3)) {
      expect((await post(`${server.url}/auth/sign-in`, { email, password })).status).toBe(401);
    }
  });
});
