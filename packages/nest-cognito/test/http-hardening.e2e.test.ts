import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADAPTERS,
  type Answer,
  bearer,
  type Cognito,
  PASSWORD,
  request,
  signedInTokens,
  startApp,
  startCognito,
  type TestApp,
  withRest,
} from './helpers.js';

const ERROR_SHAPE = { statusCode: expect.any(Number), code: expect.any(String), message: expect.anything() };

/** Every error is `{ statusCode, code, message }` with the status of the answer, and nothing else. */
function expectError(answer: Answer, status: number, code: string) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.body).toEqual({ ...ERROR_SHAPE, statusCode: status, code });
  expect(Object.keys(answer.body).sort()).toEqual(['code', 'message', 'statusCode']);
}

/** A raw body with the given content type (the JSON helper cannot send these). */
async function send(
  url: string,
  method: string,
  body: BodyInit | undefined,
  headers: Record<string, string>,
) {
  const response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed, text } as Answer;
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** One request written on a socket as given (bytes a URL parser would encode), its answer read. */
function rawRequest(base: string, requestLine: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.end(Buffer.from(`${requestLine}\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`, 'latin1'));
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
  });
}

// The hardening of the REST API (issue 11) on both adapters, with the error handling the docs
// prescribe (applyCognitoErrorHandling; cognitoFastifyOptions on Fastify), against the emulator.
describe.each(ADAPTERS)('the REST API against hostile input, on %s', (adapter) => {
  let cognito: Cognito;
  let server: TestApp;
  let adminToken: string;
  let userToken: string;
  const email = (name: string) => `${name}.hard.${adapter}@example.com`;
  const url = (path: string) => `${server.url}${path}`;
  const admin = (method: string, path: string, body?: unknown) =>
    request(method, url(path), body, bearer(adminToken));
  const userCount = async (address: string) =>
    (await cognito.sdk.listUsers({ UserPoolId: cognito.poolId, Filter: `email = "${address}"` })).Users!
      .length;

  beforeAll(async () => {
    cognito = await startCognito();
    server = await startApp(adapter, withRest(cognito.options('public'), { auth: true, admin: true }), {
      errorHandling: true,
    });
    const operator = email('operator');
    adminToken = (await signedInTokens(cognito, operator)).accessToken;
    await cognito.sdk.adminAddUserToGroup({
      UserPoolId: cognito.poolId,
      Username: operator,
      GroupName: 'admin',
    });
    // The group shows in tokens issued after joining it.
    adminToken = (await request('POST', url('/auth/sign-in'), { email: operator, password: PASSWORD })).body
      .accessToken;
    userToken = (await signedInTokens(cognito, email('user'))).accessToken;
  });
  afterAll(async () => {
    await server?.close();
    await cognito?.emulator.stop();
  });

  describe('every error is { statusCode, code, message }', () => {
    it('404 NOT_FOUND for an unknown route (and no query string echoed)', async () => {
      const answer = await request('GET', url('/nowhere?token=s3cret'));
      expectError(answer, 404, 'NOT_FOUND');
      expect(answer.text).not.toContain('s3cret');
      expectError(await request('DELETE', url('/auth/sign-in')), 404, 'NOT_FOUND');
    });

    it('400 INVALID_JSON for a body that is not JSON, without quoting it', async () => {
      const answer = await send(
        url('/auth/sign-in'),
        'POST',
        '{"email":"a@b.c","password":"s3cret-Pw',
        JSON_TYPE,
      );
      expectError(answer, 400, 'INVALID_JSON');
      expect(answer.text).not.toContain('s3cret');
    });

    it('an empty body announced as JSON is a 400 with a code', async () => {
      const answer = await send(url('/auth/sign-in'), 'POST', '', JSON_TYPE);
      // Fastify refuses it at parsing; Express parses it as {} and validation speaks.
      expectError(answer, 400, adapter === 'fastify' ? 'EMPTY_JSON_BODY' : 'VALIDATION_FAILED');
    });

    it('413 PAYLOAD_TOO_LARGE for a body over the limit', async () => {
      const body = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(2_000_000) });
      expectError(await send(url('/auth/sign-in'), 'POST', body, JSON_TYPE), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('431 HEADERS_TOO_LARGE for headers over Node’s limit', async () => {
      const answer = await send(url('/auth/me'), 'GET', undefined, { 'x-padding': 'x'.repeat(100_000) });
      expectError(answer, 431, 'HEADERS_TOO_LARGE');
    });

    it('404 quotes a path only when it is printable and at most 256 characters', async () => {
      expect((await request('GET', url('/no/such/route'))).body.message).toBe('Cannot GET /no/such/route');
      const long = await rawRequest(server.url, `GET /${'a'.repeat(300)} HTTP/1.1`);
      expect(long.status).toBe(404);
      expect(JSON.parse(long.body)).toEqual({
        statusCode: 404,
        code: 'NOT_FOUND',
        message: 'No route matches the request.',
      });
      // Raw control characters and bytes past ASCII never reach a route: Node's parser refuses them.
      for (const path of ['/caf\u00e9', '/a\u0001b', '/a\u007fb']) {
        const answer = await rawRequest(server.url, `GET ${path} HTTP/1.1`);
        expect(answer.status, JSON.stringify(path)).toBe(400);
        expect(JSON.parse(answer.body)).toEqual({
          statusCode: 400,
          code: 'BAD_REQUEST',
          message: 'The request is malformed.',
        });
      }
      // Percent-encoded, they stay encoded: printable, quoted as sent.
      expect((await request('GET', url('/a%01b%0A'))).body.message).toBe('Cannot GET /a%01b%0A');
    });

    it('400 INVALID_URL for a path parameter that is not valid percent-encoding', async () => {
      const answer = await request('GET', url('/admin/users/%E0%A4%A'), undefined, bearer(adminToken));
      expectError(answer, 400, 'INVALID_URL');
    });
  });

  describe('JSON only', () => {
    const form = (address: string) => `email=${encodeURIComponent(address)}&password=${PASSWORD}`;
    it.each([
      ['application/x-www-form-urlencoded', (a: string) => form(a)],
      ['text/plain', (a: string) => JSON.stringify({ email: a, password: PASSWORD })],
      ['application/xml', (a: string) => `<signUp><email>${a}</email></signUp>`],
    ])('a sign-up posted as %s is 415 UNSUPPORTED_MEDIA_TYPE and creates no user', async (type, body) => {
      const address = email(`form-${type.replace(/\W/g, '')}`);
      expectError(
        await send(url('/auth/sign-up'), 'POST', body(address), { 'content-type': type }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      expect(await userCount(address)).toBe(0);
    });

    it('a multipart/form-data sign-up is 415 and creates no user', async () => {
      const address = email('multipart');
      const data = new FormData();
      data.set('email', address);
      data.set('password', PASSWORD);
      expectError(await send(url('/auth/sign-up'), 'POST', data, {}), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(await userCount(address)).toBe(0);
    });

    it('routes with a token and admin routes refuse non-JSON bodies too; JSON with charset=utf-8 passes', async () => {
      expectError(
        await send(url('/auth/change-password'), 'POST', 'previousPassword=a&proposedPassword=b', {
          'content-type': 'application/x-www-form-urlencoded',
          ...bearer(userToken),
        }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      expectError(
        await send(url('/admin/groups'), 'POST', 'name=forms', {
          'content-type': 'application/x-www-form-urlencoded',
          ...bearer(adminToken),
        }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      const address = email('charset');
      const answer = await send(
        url('/auth/sign-up'),
        'POST',
        JSON.stringify({ email: address, password: PASSWORD }),
        {
          'content-type': 'application/json; charset=utf-8',
        },
      );
      expect(answer.status).toBe(201);
      expect(await userCount(address)).toBe(1);
    });

    it('a route without a body needs no content type', async () => {
      expect((await send(url('/auth/me'), 'GET', undefined, bearer(userToken))).status).toBe(200);
    });
  });

  describe('bad input is a 400, never a 500', () => {
    it('JSON nested 2,000 deep', async () => {
      let deep = '"x"';
      for (let i = 0; i < 2000; i++) deep = i % 2 ? `{"a":${deep}}` : `[${deep}]`;
      for (const body of [
        `{"email":${deep},"password":"${PASSWORD}"}`,
        `{"email":"deep@example.com","password":"${PASSWORD}","attributes":${deep}}`,
        deep,
      ]) {
        const answer = await send(url('/auth/sign-up'), 'POST', body, JSON_TYPE);
        expectError(answer, 400, 'VALIDATION_FAILED');
        expect(answer.body.message).toEqual(['body must not nest objects or arrays more than 8 levels deep']);
      }
    });

    it('an email (or any string) with a lone surrogate', async () => {
      for (const body of [
        `{"email":"a\\ud800@example.com","password":"${PASSWORD}"}`,
        `{"email":"ok@example.com","password":"Correct-\\udc00-horse-9"}`,
      ]) {
        const answer = await send(url('/auth/sign-up'), 'POST', body, JSON_TYPE);
        expectError(answer, 400, 'VALIDATION_FAILED');
        expect(answer.body.message[0]).toMatch(/must be well-formed Unicode/);
      }
    });

    it('prototype names as attribute keys are refused, never silently dropped', async () => {
      for (const key of ['constructor', 'toString', 'hasOwnProperty']) {
        const address = email(`proto-${key}`);
        const answer = await request('POST', url('/auth/sign-up'), {
          email: address,
          password: PASSWORD,
          attributes: { [key]: 'x' },
        });
        expectError(answer, 400, 'VALIDATION_FAILED');
        expect(answer.body.message).toEqual([`attributes.${key} is a reserved name and cannot be used`]);
        expect(await userCount(address)).toBe(0);
      }
      // JSON.parse keeps "__proto__" as an own key; Fastify refuses such bodies outright.
      const proto = await send(
        url('/auth/sign-up'),
        'POST',
        `{"email":"${email('proto')}","password":"${PASSWORD}","attributes":{"__proto__":"x"}}`,
        JSON_TYPE,
      );
      expectError(proto, 400, adapter === 'fastify' ? 'INVALID_JSON' : 'VALIDATION_FAILED');
      expectError(
        await request('PATCH', url('/auth/me'), { attributes: { constructor: 'x' } }, bearer(userToken)),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await admin('POST', '/admin/users', { email: email('proto-admin'), attributes: { valueOf: 'x' } }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(await admin('GET', '/admin/users?constructor=1'), 400, 'VALIDATION_FAILED');
    });

    // Express parses at most 100 kB by default, Fastify 1 MiB: as many keys as each lets through.
    const manyKeys = (count: number, key = (i: number) => i.toString(36)) =>
      `{${Array.from({ length: count }, (_, i) => `"${key(i)}":1`).join(',')}}`;
    const keysThatFit = () => (adapter === 'express' ? 9_000 : 100_000);

    it('a body of very many keys is refused at once, in a small answer; the server still serves', async () => {
      const flat = manyKeys(keysThatFit());
      const nested = `{"email":"a@example.com","password":"${PASSWORD}","x":${manyKeys(adapter === 'express' ? 9_000 : 20_000)}}`;
      for (const [path, body, headers] of [
        ['/auth/sign-in', flat, JSON_TYPE],
        ['/auth/sign-in', nested, JSON_TYPE],
        ['/auth/sign-up', nested, JSON_TYPE],
        ['/auth/me', flat, { ...JSON_TYPE, ...bearer(userToken) }],
        ['/admin/users', flat, { ...JSON_TYPE, ...bearer(adminToken) }],
      ] as const) {
        const method = path === '/auth/me' ? 'PATCH' : 'POST';
        const answer = await send(url(path), method, body, headers);
        expectError(answer, 400, 'VALIDATION_FAILED');
        expect(answer.body.message).toEqual([
          'body must not hold more than 500 properties and array elements in all',
        ]);
        expect(answer.text.length).toBeLessThan(4096);
      }
      // An array as long, in a query string too.
      const array = `{"email":"a@example.com","password":"x","groups":[${'1,'.repeat(5_000)}1]}`;
      expectError(await send(url('/auth/sign-in'), 'POST', array, JSON_TYPE), 400, 'VALIDATION_FAILED');
      expectError(
        await admin('GET', `/admin/users?${Array.from({ length: 600 }, (_, i) => `q${i}=1`).join('&')}`),
        400,
        'VALIDATION_FAILED',
      );
      expect((await request('GET', url('/auth/me'), undefined, bearer(userToken))).status).toBe(200);
    });

    it('a key of 60 KB is refused without being quoted', async () => {
      const key = 'k'.repeat(60_000);
      const answer = await send(
        url('/auth/sign-in'),
        'POST',
        `{"email":"a@example.com","password":"${PASSWORD}","${key}":1}`,
        JSON_TYPE,
      );
      expectError(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.message).toEqual(['body must not have property names longer than 128 characters']);
      expect(answer.text.length).toBeLessThan(4096);
    });

    it('a 400 lists at most 10 problems and quotes at most 64 characters of a property name', async () => {
      const key = (i: number) => `unknown-${i}-${'x'.repeat(100)}`;
      const answer = await send(url('/auth/sign-in'), 'POST', manyKeys(300, key), JSON_TYPE);
      expectError(answer, 400, 'VALIDATION_FAILED');
      const messages = answer.body.message as string[];
      expect(messages).toHaveLength(10);
      expect(messages.at(-1)).toMatch(/^\d+ more problems not listed$/);
      for (const message of messages.slice(0, -1)) {
        expect(message.length).toBeLessThan(64 + 60);
        expect(message).not.toContain('x'.repeat(64));
      }
      expect(answer.text.length).toBeLessThan(4096);
    });

    it('sign-up with more than 100 attributes is 400, and creates no user', async () => {
      const address = email('attributes-101');
      const attributes = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`custom:a${i}`, 'x']));
      const answer = await request('POST', url('/auth/sign-up'), {
        email: address,
        password: PASSWORD,
        attributes,
      });
      expectError(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.message).toEqual([
        'attributes must map at most 100 attribute names (1-32 characters, no spaces or control characters) to strings of at most 2048 characters',
      ]);
      expect(await userCount(address)).toBe(0);
    });

    it('attribute names outside Cognito’s pattern are refused', async () => {
      const answer = await request('POST', url('/auth/sign-up'), {
        email: email('spaced'),
        password: PASSWORD,
        attributes: { 'has space': 'x' },
      });
      expectError(answer, 400, 'VALIDATION_FAILED');
    });

    it('PUT /admin/email-templates: an array or no template at all is 400', async () => {
      for (const body of [{ verification: [] }, { invitation: [] }, {}, { verification: null }]) {
        expectError(await admin('PUT', '/admin/email-templates', body), 400, 'VALIDATION_FAILED');
      }
      expect((await admin('PUT', '/admin/email-templates', {})).body.message).toEqual([
        'verification or invitation is required (at least one template)',
      ]);
    });
  });

  describe('GET /admin/groups', () => {
    it('pages with limit and nextToken past the first page', async () => {
      const names = Array.from({ length: 5 }, (_, i) => `paged-${adapter}-${i}`);
      for (const name of names) expect((await admin('POST', '/admin/groups', { name })).status).toBe(201);
      const seen: string[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const query = `limit=2${nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : ''}`;
        const page = await admin('GET', `/admin/groups?${query}`);
        expect(page.status).toBe(200);
        expect(page.body.groups.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.groups.map((g: { name: string }) => g.name));
        nextToken = page.body.nextToken;
        pages++;
      } while (nextToken && pages < 20);
      expect(nextToken).toBeUndefined();
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining([...names, 'admin']));
    });

    it('400 VALIDATION_FAILED for a bad query', async () => {
      for (const query of ['limit=abc', 'limit=0', 'limit=61', 'limit=1&limit=2', 'nextToken=', 'other=1']) {
        expectError(await admin('GET', `/admin/groups?${query}`), 400, 'VALIDATION_FAILED');
      }
      expectError(await admin('GET', '/admin/groups?nextToken=garbage'), 400, 'INVALID_PARAMETER');
    });
  });
});

describe('missing AWS credentials', () => {
  let cognito: Cognito;
  let server: TestApp;
  const saved = { ...process.env };
  beforeAll(async () => {
    cognito = await startCognito();
    // An environment in which the SDK's default provider chain finds nothing, fast: no variables,
    // no shared files, no instance metadata.
    for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
    Object.assign(process.env, {
      AWS_CONFIG_FILE: '/nonexistent/aws/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws/credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    const { credentials: _explicit, ...options } = cognito.options('public');
    server = await startApp('fastify', withRest(options, { auth: true, admin: true }), {
      errorHandling: true,
    });
  });
  afterAll(async () => {
    process.env = saved;
    await server?.close();
    await cognito?.emulator.stop();
  });

  it('admin operations answer 502 AWS_CREDENTIALS_MISSING naming what is missing; user flows still work', async () => {
    const address = 'operator.nocreds@example.com';
    await signedInTokens(cognito, address);
    await cognito.sdk.adminAddUserToGroup({
      UserPoolId: cognito.poolId,
      Username: address,
      GroupName: 'admin',
    });
    // Sign-in is not SigV4-signed: it works without credentials.
    const signIn = await request('POST', `${server.url}/auth/sign-in`, {
      email: address,
      password: PASSWORD,
    });
    expect(signIn.status).toBe(200);
    const answer = await request(
      'GET',
      `${server.url}/admin/users`,
      undefined,
      bearer(signIn.body.accessToken),
    );
    expectError(answer, 502, 'AWS_CREDENTIALS_MISSING');
    expect(answer.body.message).toMatch(/default provider chain found none/);
  });
});

describe.each(ADAPTERS)('the controllers alone (no applyCognitoErrorHandling), on %s', (adapter) => {
  let cognito: Cognito;
  let server: TestApp;
  beforeAll(async () => {
    cognito = await startCognito();
    server = await startApp(adapter, withRest(cognito.options('public')));
  });
  afterAll(async () => {
    await server?.close();
    await cognito?.emulator.stop();
  });

  it('still refuse a form post with 415 and hostile JSON with 400, in shape', async () => {
    const form = await send(
      `${server.url}/auth/sign-up`,
      'POST',
      `email=a%40example.com&password=${PASSWORD}`,
      {
        'content-type': 'application/x-www-form-urlencoded',
      },
    );
    expectError(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
    let deep = '1';
    for (let i = 0; i < 2000; i++) deep = `[${deep}]`;
    expectError(
      await send(`${server.url}/auth/sign-up`, 'POST', `{"email":${deep}}`, JSON_TYPE),
      400,
      'VALIDATION_FAILED',
    );
  });
});
