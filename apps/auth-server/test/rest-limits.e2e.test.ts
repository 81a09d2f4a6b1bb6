import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, post, startTestServer, type TestServer } from './server.js';

// What a body's size and shape can cost the reference server, and what the public routes tell of
// who has an account: through HTTP, against the embedded emulator. No timing is asserted: a body
// that once held the event loop for seconds must now be a small 400, and the server must answer
// the next request.
const PASSWORD = 'Correct-horse-9';
const JSON_TYPE = { 'content-type': 'application/json' };
/** Fastify's default body limit, the reference server's. */
const BODY_LIMIT = 1024 * 1024;
const ADMIN = { email: 'root.limits@example.com', password: 'Root-passw0rd-1' };
let server: TestServer;
let admin: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ admin: ADMIN });
  admin = { authorization: `Bearer ${(await post(`${server.url}/auth/sign-in`, ADMIN)).body.accessToken}` };
});
afterAll(() => server.stop());

async function send(method: string, path: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...JSON_TYPE, ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Record<string, unknown> };
}

/** `{"<key>":1,...}` with `count` short distinct keys. */
const manyKeys = (count: number) =>
  `{${Array.from({ length: count }, (_, i) => `"${i.toString(36)}":1`).join(',')}}`;

async function signedUpAndIn(email: string): Promise<string> {
  expect((await post(`${server.url}/auth/sign-up`, { email, password: PASSWORD })).status).toBe(201);
  const code = server.codeFor(email);
  expect((await post(`${server.url}/auth/confirm-sign-up`, { email, code })).status).toBe(204);
  const signIn = await post(`${server.url}/auth/sign-in`, { email, password: PASSWORD });
  expect(signIn.status).toBe(200);
  return signIn.body.accessToken;
}

function expectSmall400(answer: { status: number; text: string; body: Record<string, unknown> }) {
  expect(answer.status, answer.text.slice(0, 300)).toBe(400);
  expect(answer.body.code).toBe('VALIDATION_FAILED');
  expect(answer.text.length).toBeLessThan(4096);
}

describe('bodies of very many keys', () => {
  it('100,000 unknown keys at sign-in: a small 400 at once; /health answers right after', async () => {
    const body = manyKeys(100_000);
    expect(body.length).toBeGreaterThan(800_000);
    const answer = await send('POST', '/auth/sign-in', body);
    expectSmall400(answer);
    expect(answer.body.message).toEqual([
      'body must not hold more than 500 properties and array elements in all',
    ]);
    expect((await get(`${server.url}/health`)).status).toBe(200);
  });

  it('20,000 keys nested under one unknown property, and the same on PATCH /auth/me', async () => {
    const nested = `{"email":"a@example.com","password":"${PASSWORD}","x":${manyKeys(20_000)}}`;
    expectSmall400(await send('POST', '/auth/sign-in', nested));
    const token = await signedUpAndIn('many.keys.limits@example.com');
    const authorization = `Bearer ${token}`;
    expectSmall400(await send('PATCH', '/auth/me', `{"attributes":${manyKeys(20_000)}}`, { authorization }));
    expectSmall400(await send('PATCH', '/auth/me', manyKeys(100_000), { authorization }));
    expect((await get(`${server.url}/auth/me`, { authorization })).status).toBe(200);
  });

  it('a key of 60 KB: a small 400 that does not quote it', async () => {
    const key = 'k'.repeat(60_000);
    const answer = await send('POST', '/auth/sign-in', `{"email":"a@example.com","${key}":1}`);
    expectSmall400(answer);
    expect(answer.text).not.toContain('k'.repeat(65));
  });

  it('300 unknown keys of 100 characters: at most 10 messages, no name quoted whole', async () => {
    const body = `{${Array.from({ length: 300 }, (_, i) => `"${String(i).padStart(100, 'q')}":1`).join(',')}}`;
    const answer = await send('POST', '/auth/sign-in', body);
    expectSmall400(answer);
    expect(answer.body.message).toHaveLength(10);
    expect(answer.text).not.toContain('q'.repeat(70));
  });
});

describe('sign-up attributes never reach Cognito as a request too large', () => {
  it('60,000 attributes (835 KB) are a 400, never a 502', async () => {
    const email = 'sixty.thousand.limits@example.com';
    const attributes = Array.from({ length: 60_000 }, (_, i) => `"custom:${i.toString(36)}":"x"`).join(',');
    const body = `{"email":"${email}","password":"${PASSWORD}","attributes":{${attributes}}}`;
    expect(body.length).toBeGreaterThan(800_000);
    expectSmall400(await send('POST', '/auth/sign-up', body));
    expect((await get(`${server.url}/health`)).status).toBe(200);
  });

  it('101 attributes are a 400 naming the limit', async () => {
    const attributes = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`custom:a${i}`, 'x']));
    const answer = await post(`${server.url}/auth/sign-up`, {
      email: 'hundred.one.limits@example.com',
      password: PASSWORD,
      attributes,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toEqual([expect.stringContaining('at most 100 attribute names')]);
  });

  it('a body just under the server’s limit that grows past Cognito’s 1 MiB on the way is 413, not 502', async () => {
    // Control characters are six bytes each in JSON, in the client's body and in the SDK's alike;
    // the SDK's request adds ~20 bytes of structure per attribute: just under 1 MiB here is over there.
    const control = (count: number) => '\\u0001'.repeat(count);
    const head = `{"email":"grown.limits@example.com","password":"${PASSWORD}","attributes":{`;
    const entries: string[] = [];
    let size = head.length + 2;
    const target = BODY_LIMIT - 64;
    for (let i = 0; size < target; i++) {
      const name = `"custom:c${i}":`;
      const room = target - size - name.length - 3;
      const chars = Math.min(2048, Math.floor(room / 6));
      if (chars < 1) break;
      const entry = `${name}"${control(chars)}"`;
      entries.push(entry);
      size += entry.length + 1;
    }
    const body = `${head}${entries.join(',')}}}`;
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(body.length).toBeGreaterThan(BODY_LIMIT - 200);
    const answer = await send('POST', '/auth/sign-up', body);
    expect(answer.status, answer.text).toBe(413);
    expect(answer.body).toEqual({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request is too large for Cognito.',
    });
  });
});

describe('404', () => {
  it('quotes a path of at most 256 printable characters, and nothing of a longer one', async () => {
    expect((await get(`${server.url}/etc/passwd`)).body.message).toBe('Cannot GET /etc/passwd');
    const long = await get(`${server.url}/${'a'.repeat(300)}`);
    expect(long.status).toBe(404);
    expect(long.body).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'No route matches the request.',
    });
  });
});

describe('the public routes tell nobody who has an account', () => {
  /** An account in every state, made through the server's own routes, and an email nobody has. */
  async function accounts(prefix: string) {
    const at = (state: string) => `${prefix}.${state}.limits@example.com`;
    await signedUpAndIn(at('confirmed'));
    await signedUpAndIn(at('disabled'));
    expect((await post(`${server.url}/admin/users/${at('disabled')}/disable`, {}, admin)).status).toBe(204);
    expect((await post(`${server.url}/admin/users`, { email: at('invited') }, admin)).status).toBe(201);
    expect(
      (await post(`${server.url}/auth/sign-up`, { email: at('unconfirmed'), password: PASSWORD })).status,
    ).toBe(201);
    return ['confirmed', 'disabled', 'invited', 'unconfirmed', 'unknown'].map((state) => ({
      state,
      email: at(state),
    }));
  }

  /** Status, body and headers, but those that differ per request. */
  async function seen(path: string, body: unknown) {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify(body),
    });
    const headers: [string, string][] = [];
    response.headers.forEach((value, name) => {
      if (!['date', 'x-request-id', 'keep-alive', 'connection'].includes(name)) headers.push([name, value]);
    });
    return { status: response.status, text: await response.text(), headers };
  }

  it('resend-confirmation-code: 202, no body, the same headers, for every account and none', async () => {
    const answers = [];
    for (const { state, email } of await accounts('resend')) {
      answers.push({ state, ...(await seen('/auth/resend-confirmation-code', { email })) });
    }
    for (const answer of answers) expect(answer).toEqual({ ...answers[0]!, state: answer.state });
    expect(answers[0]).toMatchObject({ status: 202, text: '' });
  });

  it('confirm-sign-up: an account with nothing to confirm answers as an unknown email, 400 CODE_MISMATCH', async () => {
    const answers = [];
    for (const { state, email } of await accounts('confirm')) {
      if (state === 'unconfirmed') continue;
      answers.push({ state, ...(await seen('/auth/confirm-sign-up', { email, code: '123456' })) });
    }
    for (const answer of answers) expect(answer).toEqual({ ...answers[0]!, state: answer.state });
    expect(answers[0]!.status).toBe(400);
    expect(JSON.parse(answers[0]!.text)).toEqual({
      statusCode: 400,
      code: 'CODE_MISMATCH',
      message: 'Invalid verification code provided, please try again.',
    });
  });
});
