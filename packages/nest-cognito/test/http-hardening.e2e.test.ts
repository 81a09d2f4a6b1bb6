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
