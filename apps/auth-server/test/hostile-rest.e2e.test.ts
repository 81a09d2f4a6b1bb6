/* eslint-disable @typescript-eslint/no-explicit-any -- the OpenAPI document is read as plain JSON */
import fc from 'fast-check';
import { COGNITO_OPTIONS, type ResolvedCognitoOptions } from 'nest-cognito';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, post, startTestServer, type TestServer } from './server.js';

// Keep them out: property-based fuzzing of every REST route of the reference server, enumerated
// from its own OpenAPI document (a new route is fuzzed without touching this file), with and
// without tokens. Whatever comes in: never a 5xx, errors always { statusCode, code, message } and
// small (bodies of many keys or long keys included), no secret echoed, and the server keeps serving. Bounded in time (numRuns and a time limit).

const ADMIN = { email: 'root.hostile@example.com', password: 'Root-passw0rd-1' };
const VICTIM = { email: 'victim.hostile@example.com', password: 'Victim-passw0rd-1' };
/** Sent in every secret field; it must never come back. */
const CANARY = 'Canary-S3cret-7731';
const SECRET_FIELD = /password|session|token|code|secret/i;
/** Per-route budget: the whole suite stays around half a minute on two busy cores. */
const RUNS_PER_ROUTE = 60;
const MS_PER_ROUTE = 650;

interface Route {
  method: string;
  /** OpenAPI template: /admin/users/{username} */
  path: string;
  params: string[];
  /** Properties of the JSON body, when the route takes one. */
  body?: Record<string, any>;
}

let server: TestServer;
let routes: Route[];
let secrets: string[];
const tokens: Record<'admin' | 'victim', string> = { admin: '', victim: '' };

async function signIn(account: { email: string; password: string }): Promise<string> {
  const answer = await post(`${server.url}/auth/sign-in`, account);
  expect(answer.status).toBe(200);
  return answer.body.accessToken;
}

beforeAll(async () => {
  server = await startTestServer({ admin: ADMIN });
  await post(`${server.url}/auth/sign-up`, VICTIM);
  await post(`${server.url}/auth/confirm-sign-up`, {
    email: VICTIM.email,
    code: server.codeFor(VICTIM.email),
  });
  tokens.admin = await signIn(ADMIN);
  tokens.victim = await signIn(VICTIM);
  const options = server.app.get<string, ResolvedCognitoOptions>(COGNITO_OPTIONS);
  secrets = [CANARY, ADMIN.password, VICTIM.password, tokens.admin, tokens.victim, options.clientSecret!];
  routes = routesOf((await get(`${server.url}/docs-json`)).body);
}, 30_000);
afterAll(() => server.stop());

/** Every operation of the OpenAPI document, with its path parameters and body properties. */
function routesOf(document: any): Route[] {
  const schemaOf = (ref: string) => document.components.schemas[ref.replace('#/components/schemas/', '')];
  return Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
      return {
        method: method.toUpperCase(),
        path,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        ...(ref ? { body: schemaOf(ref).properties ?? {} } : {}),
      };
    }),
  );
}

/** Who calls: nobody, a forged token, or real tokens. Real ones never on routes that end them. */
type Caller = 'anonymous' | 'forged' | 'admin' | 'victim';
const SELF_ENDING = new Set(['POST /auth/sign-out', 'DELETE /auth/me']);
const callersOf = (route: Route): Caller[] =>
  SELF_ENDING.has(`${route.method} ${route.path}`)
    ? ['anonymous', 'forged']
    : ['anonymous', 'forged', route.path.startsWith('/admin') ? 'admin' : 'victim'];

// ---- Arbitraries -------------------------------------------------------------------------

const LONE_SURROGATES = ['\ud800', '\udfff', 'a\udc00b', '\ud83d'];
const RESERVED = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** JSON text kept as is inside a generated body (too deep for JSON.stringify's recursion). */
class RawJson {
  constructor(readonly text: string) {}
}
/** Arrays and objects alternating, `levels` deep, as JSON text. */
const deep = (levels: number, leaf = '"x"'): RawJson => {
  let text = leaf;
  for (let i = 0; i < levels; i++) text = i % 2 ? `{"a":${text}}` : `[${text}]`;
  return new RawJson(text);
};
const toText = (value: unknown): string => (value instanceof RawJson ? value.text : JSON.stringify(value));

const oddString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...LONE_SURROGATES, ...RESERVED, '\u0000', 'a\u0000b', '', ' ', '\u202e', '💥'.repeat(50)),
  fc.constant('x'.repeat(70_000)),
  fc.emailAddress(),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  oddString,
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 9, max: 3000 }).map((levels) => deep(levels)),
  fc.constantFrom<unknown>(null, true, 0, -1, 1e308, [], {}, [[[]]]),
  fc.dictionary(
    fc.oneof(fc.constantFrom(...RESERVED), fc.string({ maxLength: 40 })),
    fc.oneof(fc.string(), fc.integer()),
    { maxKeys: 4 },
  ),
);

/** A value for one body property: plausible for its schema, or hostile; the canary in secret fields. */
function valueFor(name: string, schema: any): fc.Arbitrary<unknown> {
  const plausible: fc.Arbitrary<unknown> = SECRET_FIELD.test(name)
    ? fc.constant(CANARY)
    : schema?.type === 'boolean'
      ? fc.boolean()
      : schema?.type === 'number' || schema?.type === 'integer'
        ? fc.integer({ min: -5, max: 100 })
        : schema?.type === 'object' || schema?.$ref
          ? fc.dictionary(
              fc.oneof(fc.constantFrom(...RESERVED, 'name', 'custom:plan'), fc.string({ maxLength: 40 })),
              oddString,
              { maxKeys: 3 },
            )
          : schema?.type === 'array'
            ? fc.array(oddString, { maxLength: 3 })
            : name === 'email'
              ? fc.oneof(fc.emailAddress(), oddString)
              : oddString;
  return fc.oneof({ arbitrary: plausible, weight: 3 }, { arbitrary: hostileValue, weight: 2 });
}

/** An object of `count` distinct short keys, as JSON text (class-transformer's work grows faster). */
const manyKeys = (count: number) =>
  `{${Array.from({ length: count }, (_, i) => `"${i.toString(36)}":${i % 2 ? '"v"' : 1}`).join(',')}}`;

/** No error answer grows with the input: a few messages, names cut short. */
const MAX_ERROR_BYTES = 4096;

/** JSON text built by hand: keeps `__proto__` keys and duplicates that an object would lose. */
const objectText = (entries: [string, unknown][]) =>
  `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${toText(value)}`).join(',')}}`;

function bodyFor(route: Route): fc.Arbitrary<string | undefined> {
  const shaped = route.body
    ? fc
        .tuple(
          ...Object.entries(route.body).map(([name, schema]) =>
            fc.option(
              valueFor(name, schema).map((value): [string, unknown] => [name, value]),
              { nil: undefined },
            ),
          ),
          fc.array(
            fc.tuple(fc.oneof(fc.constantFrom(...RESERVED), fc.string({ maxLength: 20 })), hostileValue),
            { maxLength: 2 },
          ),
        )
        .map((parts) => {
          const fields = parts.slice(0, -1) as ([string, unknown] | undefined)[];
          const extras = parts.at(-1) as [string, unknown][];
          return objectText([...fields.filter((p) => p !== undefined), ...extras]);
        })
    : fc.constant(undefined);
  const raw = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    fc.integer({ min: 100, max: 5000 }).map((levels) => deep(levels, '1').text),
    fc.integer({ min: 400, max: 30_000 }).map(manyKeys),
    fc
      .tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom('attributes', 'x', 'email'))
      .map(([count, name]) => `{${JSON.stringify(name)}:${manyKeys(count)}}`),
    fc.integer({ min: 129, max: 60_000 }).map((length) => `{"${'k'.repeat(length)}":1}`),
    fc.constantFrom(
      '',
      'null',
      '"\\ud800"',
      '{"email":',
      '{"a":1,"a":2}',
      '1e999999',
      '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"isAdmin":true}}}',
      '\u0000',
      `{"email":"${'a'.repeat(200_000)}@example.com"}`,
    ),
  );
  return fc.oneof(
    { arbitrary: shaped, weight: 4 },
    { arbitrary: raw, weight: 2 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

const contentType = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      'application/vnd.api+json',
      'application/json;;;==',
      '',
      '*/*',
    ),
    weight: 2,
  },
);

/** A path segment, percent-encoded; lone surrogates become bytes that are not UTF-8. */
const segment = fc
  .oneof(
    oddString.filter((s) => s.length < 2000),
    fc.constantFrom('%00', '%E0%A4%A', '%ED%A0%80', '..', '%2F', '%'),
  )
  .map((value) => {
    if (/^%/.test(value)) return value;
    try {
      return encodeURIComponent(value);
    } catch {
      return '%ED%A0%80';
    }
  });

const queryPart = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('limit', 'nextToken', 'paginationToken', 'filter', ...RESERVED, 'a[b]', 'a[]'),
        fc.string({ maxLength: 10 }),
      ),
      fc.oneof(
        fc.constantFrom('abc', '-1', '0', '61', '1e3', '%00', '%E0%A4%A', '5'),
        fc.string({ maxLength: 30 }),
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) =>
    pairs
      .map(([key, value]) => {
        const encode = (s: string) =>
          /^%/.test(s) ? s : encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''));
        return `${encode(key)}=${encode(value)}`;
      })
      .join('&'),
  );

/** Header values a client can send (visible ASCII): odd tokens, forged client addresses, cookies. */
const headerValue = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 200,
});
const oddHeaders = fc.dictionary(
  fc.constantFrom(
    'x-forwarded-for',
    'x-real-ip',
    'cookie',
    'accept',
    'accept-language',
    'x-amz-target',
    'origin',
    'x-odd',
  ),
  fc.oneof(headerValue, fc.constant('a'.repeat(6000))),
  { maxKeys: 3 },
);

const forgedToken = fc.oneof(
  fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic YTpi', 'Bearer a.b.c', `Bearer ${'a'.repeat(9000)}`),
  headerValue.map((v) => `Bearer ${v}`),
);

// ---- The property --------------------------------------------------------------------------

const SHAPE_KEYS = ['code', 'message', 'statusCode'];

async function call(route: Route, caller: Caller, input: Input): Promise<void> {
  let path = route.path;
  route.params.forEach((name, i) => (path = path.replace(`{${name}}`, input.segments[i] ?? 'x')));
  const headers: Record<string, string> = { ...input.headers };
  // fetch sends no body with GET (a body there is ignored by the server anyway).
  const body = route.method === 'GET' ? undefined : input.body;
  if (body !== undefined) headers['content-type'] = input.contentType;
  if (caller === 'forged') headers.authorization = input.forged;
  if (caller === 'admin' || caller === 'victim') headers.authorization = `Bearer ${tokens[caller]}`;
  const url = `${server.url}${path}${input.query ? `?${input.query}` : ''}`;
  const response = await fetch(url, {
    method: route.method,
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  const where = `${route.method} ${url.slice(0, 300)} as ${caller} → ${response.status} ${text.slice(0, 300)}`;
  if (!serverSideRefusal(route, response.status, text)) expect(response.status, where).toBeLessThan(500);
  for (const secret of secrets) expect(text.includes(secret), `${where}: echoes a secret`).toBe(false);
  if (response.status >= 400) {
    expect(text.length, `${where}: an error of ${text.length} characters`).toBeLessThan(MAX_ERROR_BYTES);
    const body = JSON.parse(text);
    expect(Object.keys(body).sort(), where).toEqual(SHAPE_KEYS);
    expect(body.statusCode, where).toBe(response.status);
    expect(typeof body.code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(body.code), where).toBe(true);
    const message = body.message as unknown;
    expect(
      typeof message === 'string' || (Array.isArray(message) && message.every((m) => typeof m === 'string')),
      where,
    ).toBe(true);
  }
}

/**
 * The one 5xx that is no client's mistake: custom authentication started on a pool without its
 * triggers, or through an app client that does not allow it (the embedded pool has neither), is the
 * server's configuration, answered 502 with its code as documented.
 */
function serverSideRefusal(route: Route, status: number, text: string): boolean {
  if (status !== 502 || route.path !== '/auth/sign-in/custom') return false;
  const code = (JSON.parse(text) as { code?: unknown }).code;
  return code === 'CLIENT_MISCONFIGURED' || code === 'POOL_MISCONFIGURED';
}

interface Input {
  segments: string[];
  query: string;
  body: string | undefined;
  contentType: string;
  headers: Record<string, string>;
  forged: string;
}

const inputFor = (route: Route): fc.Arbitrary<Input> =>
  fc.record({
    segments: fc.array(segment, { minLength: route.params.length, maxLength: route.params.length }),
    query: fc.oneof(fc.constant(''), queryPart),
    body: bodyFor(route),
    contentType,
    headers: oddHeaders,
    forged: forgedToken,
  });

/** A failure told in a few lines (the counterexample may be megabytes of JSON), with its seed. */
function briefly(details: fc.RunDetails<unknown>): void {
  if (!details.failed) return;
  const cause =
    details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(`${cause.slice(0, 1500)}\n(seed ${details.seed}, path ${details.counterexamplePath})`);
}

describe('the reference server under hostile REST traffic', () => {
  it('finds every route in its OpenAPI document', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(
      expect.arrayContaining(['POST /auth/sign-up', 'GET /admin/groups', 'PUT /admin/email-templates']),
    );
    expect(routes.filter((r) => r.path.startsWith('/auth')).length).toBeGreaterThanOrEqual(14);
    expect(routes.filter((r) => r.path.startsWith('/admin')).length).toBeGreaterThanOrEqual(17);
  });

  it('answers every route, whoever calls and whatever comes in, without a 5xx, in shape, echoing no secret', async () => {
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...callersOf(route)), inputFor(route), (caller, input) =>
          call(route, caller, input),
        ),
        {
          numRuns: RUNS_PER_ROUTE,
          plugins: [fc.interruptAfterTimeLimit(MS_PER_ROUTE)],
          endOnFailure: true,
          reporter: briefly,
        },
      );
    }
  }, 120_000);

  it('still serves: a new user signs up, confirms and signs in; the administrator too', async () => {
    const fresh = { email: 'after.hostile@example.com', password: 'After-passw0rd-1' };
    expect((await post(`${server.url}/auth/sign-up`, fresh)).status).toBe(201);
    const code = server.codeFor(fresh.email);
    expect((await post(`${server.url}/auth/confirm-sign-up`, { email: fresh.email, code })).status).toBe(204);
    const token = await signIn(fresh);
    expect((await get(`${server.url}/auth/me`, { authorization: `Bearer ${token}` })).body.email).toBe(
      fresh.email,
    );
    const adminToken = await signIn(ADMIN);
    expect(
      (await get(`${server.url}/admin/users?limit=1`, { authorization: `Bearer ${adminToken}` })).status,
    ).toBe(200);
  });
});
