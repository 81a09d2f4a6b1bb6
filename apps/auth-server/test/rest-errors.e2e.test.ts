import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, startTestServer, type TestServer } from './server.js';

// Every error the reference server sends is { statusCode, code, message }, whatever answers it:
// a route, Nest's router, Fastify's parsers, or Node's HTTP parser. Through a real HTTP server.
const ADMIN = { email: 'root.errors@example.com', password: 'Root-passw0rd-1' };
const PASSWORD = 'Correct-horse-9';
const JSON_TYPE = { 'content-type': 'application/json' };
let server: TestServer;
let admin: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ admin: ADMIN });
  admin = { authorization: `Bearer ${(await post(`${server.url}/auth/sign-in`, ADMIN)).body.accessToken}` };
});
afterAll(() => server.stop());

interface Raw {
  status: number;
  body: unknown;
  text: string;
}

async function send(method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed, text };
}

/** A request as Node's client writes it: headers of any size, the answer read to its end. */
function rawGet(path: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text), text }));
    });
    req.on('error', reject);
    req.end();
  });
}

function expectError(answer: Raw, status: number, code: string) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.body).toEqual({ statusCode: status, code, message: expect.anything() });
}

let deep = '1';
for (let i = 0; i < 2000; i++) deep = `{"a":${deep}}`;

describe('the reference server’s errors', () => {
  it.each([
    ['an unknown route', 'GET', '/nowhere', undefined, {}, 404, 'NOT_FOUND'],
    ['a method a route lacks', 'PUT', '/auth/sign-in', undefined, {}, 404, 'NOT_FOUND'],
    ['invalid JSON', 'POST', '/auth/sign-in', '{"email":', JSON_TYPE, 400, 'INVALID_JSON'],
    [
      '__proto__ in JSON (Fastify refuses it at parsing)',
      'POST',
      '/auth/sign-in',
      '{"__proto__":{}}',
      JSON_TYPE,
      400,
      'INVALID_JSON',
    ],
    ['an empty body announced as JSON', 'POST', '/auth/sign-in', '', JSON_TYPE, 400, 'EMPTY_JSON_BODY'],
    ['no body at all', 'POST', '/auth/sign-in', undefined, {}, 400, 'VALIDATION_FAILED'],
    [
      'a body of 2 MB',
      'POST',
      '/auth/sign-in',
      JSON.stringify({ pad: 'x'.repeat(2_000_000) }),
      JSON_TYPE,
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'an XML body',
      'POST',
      '/auth/sign-in',
      '<a/>',
      { 'content-type': 'application/xml' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'JSON nested 2,000 deep',
      'POST',
      '/auth/sign-up',
      `{"email":"d@example.com","password":"${PASSWORD}","attributes":${deep}}`,
      JSON_TYPE,
      400,
      'VALIDATION_FAILED',
    ],
    [
      'an email with a lone surrogate',
      'POST',
      '/auth/sign-up',
      `{"email":"a\\ud800@example.com","password":"${PASSWORD}"}`,
      JSON_TYPE,
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a path that is not percent-encoding',
      'GET',
      '/admin/users/%E0%A4%A',
      undefined,
      {},
      400,
      'INVALID_URL',
    ],
  ] as const)('%s: %s %s', async (_what, method, path, body, headers, status, code) => {
    expectError(await send(method, path, body, { ...headers }), status, code);
  });

  it('431 HEADERS_TOO_LARGE for headers (or a URL) over Node’s limit', async () => {
    expectError(await rawGet('/auth/me', { 'x-padding': 'x'.repeat(64 * 1024) }), 431, 'HEADERS_TOO_LARGE');
    expectError(await rawGet(`/nowhere/${'a'.repeat(64 * 1024)}`, {}), 431, 'HEADERS_TOO_LARGE');
  });

  it('never quotes the body or the query string back', async () => {
    const invalid = await send(
      'POST',
      '/auth/sign-in',
      '{"email":"x@example.com","password":"S3cret-value',
      JSON_TYPE,
    );
    expect(invalid.text).not.toContain('S3cret');
    const unknown = await send('GET', '/nowhere?access_token=S3cret-value');
    expect(unknown.text).not.toContain('S3cret');
  });
});

describe('cross-site form posts', () => {
  const address = (type: string) => `form.${type.replace(/\W/g, '')}@example.com`;
  it.each(['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data'])(
    'a sign-up posted as %s is 415 UNSUPPORTED_MEDIA_TYPE and creates no user',
    async (type) => {
      const email = address(type);
      let body: BodyInit;
      let headers: Record<string, string> = { 'content-type': type };
      if (type === 'multipart/form-data') {
        const data = new FormData();
        data.set('email', email);
        data.set('password', PASSWORD);
        body = data;
        headers = {}; // fetch writes the boundary
      } else if (type === 'text/plain') {
        body = JSON.stringify({ email, password: PASSWORD });
      } else {
        body = new URLSearchParams({ email, password: PASSWORD }).toString();
      }
      expectError(await send('POST', '/auth/sign-up', body, headers), 415, 'UNSUPPORTED_MEDIA_TYPE');
      const users = await send(
        'GET',
        `/admin/users?filter=${encodeURIComponent(`email = "${email}"`)}`,
        undefined,
        admin,
      );
      expect(users.body).toEqual({ users: [] });
    },
  );
});

describe('admin input', () => {
  it('PUT /admin/email-templates: {"verification":[]} and {} are 400 VALIDATION_FAILED', async () => {
    for (const body of ['{"verification":[]}', '{}']) {
      expectError(
        await send('PUT', '/admin/email-templates', body, { ...JSON_TYPE, ...admin }),
        400,
        'VALIDATION_FAILED',
      );
    }
  });

  it('GET /admin/groups pages past the first page with nextToken; a bad query is 400', async () => {
    for (let i = 0; i < 4; i++) {
      expect((await post(`${server.url}/admin/groups`, { name: `errors-${i}` }, admin)).status).toBe(201);
    }
    const first = await send('GET', '/admin/groups?limit=2', undefined, admin);
    const body = first.body as { groups: { name: string }[]; nextToken?: string };
    expect(body.groups).toHaveLength(2);
    expect(body.nextToken).toEqual(expect.any(String));
    const second = await send(
      'GET',
      `/admin/groups?limit=2&nextToken=${encodeURIComponent(body.nextToken!)}`,
      undefined,
      admin,
    );
    const names = (second.body as { groups: { name: string }[] }).groups.map((g) => g.name);
    expect(names).toHaveLength(2);
    expect(names.some((name) => body.groups.some((g) => g.name === name))).toBe(false);
    for (const query of ['limit=abc', 'limit=100', 'page=2']) {
      expectError(await send('GET', `/admin/groups?${query}`, undefined, admin), 400, 'VALIDATION_FAILED');
    }
  });

  it('attribute keys named like prototype members are 400, never dropped', async () => {
    for (const key of ['constructor', 'toString']) {
      expectError(
        await send(
          'POST',
          '/admin/users',
          JSON.stringify({ email: `proto.${key}@example.com`, attributes: { [key]: 'x' } }),
          { ...JSON_TYPE, ...admin },
        ),
        400,
        'VALIDATION_FAILED',
      );
    }
  });
});
