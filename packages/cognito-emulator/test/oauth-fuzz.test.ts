import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import fc from 'fast-check';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emulatorWithSdk, PASSWORD, userWithPassword } from './helpers.js';
import {
  authorizeUrl,
  basic,
  CALLBACK,
  oauthPool,
  pkcePair,
  postForm,
  SIGNED_OUT,
  signInOnLoginPage,
  webClient,
} from './oauth-fixture.js';

/**
 * The hostile suite of the OAuth 2.0 endpoints and the managed login: property-based fuzzing of
 * what a browser or an app may send them. Whatever arrives, nothing answers 5xx; the token,
 * revocation and userInfo endpoints answer RFC 6749's `{"error"}` JSON; the pages answer HTML made
 * only of their own tags and attributes (every fuzzed string escaped) or a redirect to the
 * emulator itself or a registered URL; no client secret or password comes back. Bounded in runs
 * and in time.
 */
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
let base: string;
let poolId: string;
let real: {
  publicId: string;
  secretId: string;
  secret: string;
  accessToken: string;
  refreshToken: string;
  code: string;
  email: string;
};
const TIME_LIMIT_MS = 8_000;
/** A CSRF token of the form the managed login accepts as its cookie. */
const CSRF = 'fuzz-csrf-token-0123456789';
/** Every password the fuzzer types starts so: none may come back in an answer. */
const PASSWORD_MARK = 'PwMark';

beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk({ passwordCost: 10 }));
  base = emulator.endpoint;
  poolId = await oauthPool(cognito);
  const publicClient = await webClient(cognito, poolId, {
    AllowedOAuthFlows: ['code', 'implicit'],
  });
  const secretClient = await webClient(cognito, poolId, { GenerateSecret: true });
  const email = 'oauth-fuzz@example.com';
  await userWithPassword(cognito, poolId, email);
  const signIn = (clientId: string) =>
    signInOnLoginPage(base, authorizeUrl(base, clientId, { scope: 'openid email profile' }), email, PASSWORD);
  const first = (await signIn(publicClient.clientId)).searchParams.get('code')!;
  const tokens = await postForm(`${base}/oauth2/token`, {
    grant_type: 'authorization_code',
    client_id: publicClient.clientId,
    code: first,
    redirect_uri: CALLBACK,
  });
  real = {
    publicId: publicClient.clientId,
    secretId: secretClient.clientId,
    secret: secretClient.clientSecret!,
    accessToken: tokens.body.access_token as string,
    refreshToken: tokens.body.refresh_token as string,
    code: (await signIn(secretClient.clientId)).searchParams.get('code')!,
    email,
  };
});
afterAll(() => emulator.stop());

/** Markup that, shown unescaped, would be a tag or an attribute of the page. */
const INJECTIONS = [
  '<x-fuzz>',
  '"><x-fuzz a="',
  "'><x-fuzz>",
  '" x-fuzz="1',
  "' x-fuzz='1",
  '</title><x-fuzz>',
  '</style><x-fuzz>',
  'javascript:alert(1)',
  '&lt;x-fuzz&gt;',
  '\u0000<x-fuzz>',
];

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  'x\udc00y',
  '😀',
  '\u202eevil\u202c',
  'שלום',
  '%00',
  '%',
  '%zz',
  '+',
  '&',
  '=',
  '../../etc/passwd',
  "' OR 1=1 --",
  '__proto__',
  'constructor',
  'x'.repeat(5000),
  ...INJECTIONS,
];

/** Strings of every kind: odd ones, markup, any UTF-16 code units, huge ones. */
const anyString = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...ODD_STRINGS),
    fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength: 30,
    }),
    fc.string({ maxLength: 30 }),
    fc.integer({ min: 10_000, max: 100_000 }).map((n) => 'y'.repeat(n)),
  );

/** A value for a parameter: the real one (so that requests reach past the first check), or hostile. */
function valueFor(name: string): fc.Arbitrary<string> {
  const known: Record<string, () => string[]> = {
    client_id: () => [real.publicId, real.secretId],
    client_secret: () => [real.secret],
    grant_type: () => ['authorization_code', 'refresh_token', 'client_credentials', 'password', 'implicit'],
    redirect_uri: () => [CALLBACK, SIGNED_OUT, `${CALLBACK}/`, 'https://evil.example/'],
    logout_uri: () => [SIGNED_OUT, CALLBACK, 'https://evil.example/', '//evil.example'],
    response_type: () => ['code', 'token', 'id_token', 'code token'],
    scope: () => ['openid', 'openid email', 'email', 'https://api.example.test/read', 'openid  profile'],
    code: () => [real.code, 'x'],
    refresh_token: () => [real.refreshToken],
    token: () => [real.refreshToken, real.accessToken],
    code_challenge: () => [pkcePair().challenge],
    code_challenge_method: () => ['S256', 'plain'],
    code_verifier: () => [pkcePair().verifier],
    screen: () => ['signup', 'forgot', 'signin'],
  };
  if (!Object.hasOwn(known, name)) return anyString();
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(null).chain(() => fc.constantFrom(...known[name]!())) },
    { weight: 1, arbitrary: anyString() },
  );
}

/** Parameters by name (some given twice, some unknown), as ordered pairs. */
function paramsOf(names: readonly string[]): fc.Arbitrary<[string, string][]> {
  const pair = fc
    .oneof({ weight: 8, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: anyString() })
    .chain((name) => fc.tuple(fc.constant(name), valueFor(name)));
  return fc.array(pair, { maxLength: 10 });
}

const encode = (pairs: [string, string][]) => {
  const params = new URLSearchParams();
  for (const [name, value] of pairs) params.append(name, value);
  return params.toString();
};

const AUTHORIZE_NAMES = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'scope',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'identity_provider',
  'lang',
  'screen',
  'logout_uri',
];
const TOKEN_NAMES = [
  'grant_type',
  'client_id',
  'client_secret',
  'code',
  'redirect_uri',
  'code_verifier',
  'refresh_token',
  'scope',
  'token',
];

/** Authorization headers: the real client's, broken Basic ones, bearer tokens, anything. */
const authorizationHeader = fc.oneof(
  fc.constant(undefined),
  fc.constant(null).map(() => basic(real.secretId, real.secret)),
  fc.constant(null).map(() => basic(real.secretId, 'wrong')),
  fc.constant(null).map(() => `Bearer ${real.accessToken}`),
  fc.constantFrom(
    'Basic',
    'Basic ',
    'Basic ====',
    'Basic !!!',
    'basic Og==',
    'Basic JQ==',
    'Bearer',
    'Bearer a b',
  ),
  fc.tuple(anyString(), anyString()).map(([id, secret]) => basic(id, secret)),
  fc.string({ maxLength: 40 }).map((raw) => `Basic ${Buffer.from(raw).toString('base64')}`),
  anyString().map((token) => `Bearer ${token}`),
  fc.constant(null).map(() => `Bearer ${real.accessToken.slice(0, -2)}xx`),
  fc.constant(null).map(() => `Bearer ${'x'.repeat(100_000)}`),
);

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/x-www-form-urlencoded') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/x-www-form-urlencoded; charset=latin1',
      'APPLICATION/X-WWW-FORM-URLENCODED',
      'application/json',
      'multipart/form-data; boundary=x',
      'text/plain',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

/** A body: the encoded parameters, or raw bytes of any kind. */
const body = (names: readonly string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: paramsOf(names).map(encode) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        '{"grant_type":"client_credentials"}',
        '%',
        '&&&==',
        '\u0000',
        'a=%E0%A4%A',
      ),
    },
    { weight: 1, arbitrary: fc.integer({ min: 60_000, max: 200_000 }).map((n) => `token=${'z'.repeat(n)}`) },
  );

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request over node:http (any header, any body), its answer; null when node refuses to send it. */
function send(method: string, path: string, headers: Record<string, string | undefined>, payload = '') {
  return new Promise<Answer | null>((resolve, reject) => {
    const url = new URL(base);
    const sent: Record<string, string> = { 'content-length': String(Buffer.byteLength(payload)) };
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) sent[name] = value;
    let req;
    try {
      req = request({ host: url.hostname, port: url.port, method, path, headers: sent });
    } catch {
      // A header or path node itself refuses to send is not the emulator's to answer.
      resolve(null);
      return;
    }
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Headers over node's limit are refused before any endpoint sees them (431, AWS JSON): not the endpoints' to shape. */
const refusedBeforeRouting = (answer: Answer) => answer.status === 431;

/** Nothing secret comes back: the client secret, a fuzzed password. */
function assertNoSecrets(answer: Answer): void {
  const all = `${answer.text} ${JSON.stringify(answer.headers)}`;
  expect(all).not.toContain(real.secret);
  expect(all).not.toContain(PASSWORD_MARK);
}

/** An answer of the token, revocation or userInfo endpoint: success, or `{"error": "..."}` JSON. */
function assertJsonEndpoint(answer: Answer, context: unknown): void {
  const where = JSON.stringify(context).slice(0, 400);
  expect(answer.status, where).toBeLessThan(500);
  assertNoSecrets(answer);
  if (answer.status === 200 || refusedBeforeRouting(answer)) return;
  expect(answer.headers['content-type'], where).toMatch(/^application\/json/);
  const parsed = JSON.parse(answer.text) as Record<string, unknown>;
  expect(Object.keys(parsed), where).toEqual(['error']);
  expect(parsed.error, where).toMatch(/^[a-z_]+$/);
}

const TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'main',
  'h1',
  'p',
  'form',
  'input',
  'label',
  'button',
  'nav',
  'a',
]);
const ATTRIBUTES = new Set([
  'lang',
  'charset',
  'name',
  'content',
  'class',
  'role',
  'method',
  'action',
  'type',
  'value',
  'for',
  'id',
  'autocomplete',
  'required',
  'autofocus',
  'inputmode',
  'href',
  'checked',
]);

/**
 * A page of the managed login: every tag one of its own, every attribute one of its own with a
 * double-quoted value, no raw `<` or `"` of fuzzed input anywhere (text escaped, attributes closed).
 * Escaped input may still read `x-fuzz=` as text (`&#39; x-fuzz=&#39;1`): only tags and attributes count.
 */
function assertOwnMarkup(html: string, where: string): void {
  expect(html.startsWith('<!doctype html>'), where).toBe(true);
  const withoutStyle = html.replace(/<style>[^<]*<\/style>/, '<style></style>');
  for (const [tag] of withoutStyle.slice('<!doctype html>'.length).matchAll(/<[^>]*>?/g)) {
    const parsed = /^<\/?([a-z0-9]+)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>$/.exec(tag);
    expect(parsed, `${where}: ${tag.slice(0, 120)}`).not.toBeNull();
    expect(TAGS.has(parsed![1]!), `${where}: ${tag.slice(0, 120)}`).toBe(true);
    // Names only: a value (escaped input such as `&quot; a=&quot;`) is consumed with its name.
    for (const [, attribute] of parsed![2]!.matchAll(/\s+([a-z-]+)(?:="[^"<>]*")?/g)) {
      expect(ATTRIBUTES.has(attribute!), `${where}: ${tag.slice(0, 120)}`).toBe(true);
    }
  }
}

/**
 * An answer of a page (authorize, login, logout): an HTML page of its own markup, or a redirect to
 * the managed login itself or to one of the client's registered URLs; never 5xx.
 */
function assertPage(answer: Answer, context: unknown): void {
  const where = JSON.stringify(context).slice(0, 400);
  expect(answer.status, where).toBeLessThan(500);
  assertNoSecrets(answer);
  if (refusedBeforeRouting(answer)) return;
  if (answer.status === 302) {
    const location = String(answer.headers.location);
    const target = location.startsWith('/') ? undefined : new URL(location);
    const allowed = target
      ? [CALLBACK, SIGNED_OUT].includes(`${target.origin}${target.pathname}`)
      : location.startsWith('/login?');
    expect(allowed, `${where} → ${location.slice(0, 200)}`).toBe(true);
    return;
  }
  if (answer.status === 405) {
    expect(JSON.parse(answer.text), where).toEqual({ error: 'invalid_request' });
    return;
  }
  expect(answer.headers['content-type'], where).toBe('text/html; charset=utf-8');
  expect(answer.headers['content-security-policy'], where).toContain("default-src 'none'");
  assertOwnMarkup(answer.text, where);
}

/** Cookies of a browser: the real CSRF token, fuzzed names and values, the managed login's session. */
const cookieHeader = fc.oneof(
  fc.constant(undefined),
  fc.constant(`XSRF-TOKEN=${CSRF}`),
  fc
    .array(
      fc.tuple(
        fc.constantFrom('XSRF-TOKEN', 'cognito', '__proto__', 'x', ''),
        fc.oneof(fc.constantFrom(CSRF, ...INJECTIONS), fc.string({ maxLength: 30 })),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join('; ')),
);

describe('fuzzing the token endpoint', () => {
  it('any form, content type, Authorization header or duplicated parameter: never 5xx, always {"error"}', async () => {
    const property = fc.asyncProperty(
      body(TOKEN_NAMES),
      contentType,
      authorizationHeader,
      async (payload, type, authorization) => {
        const answer = await send('POST', '/oauth2/token', { 'content-type': type, authorization }, payload);
        if (answer) assertJsonEndpoint(answer, { payload: payload.slice(0, 200), type, authorization });
      },
    );
    await fc.assert(property, { numRuns: 800, interruptAfterTimeLimit: TIME_LIMIT_MS });
  }, 60_000);

  it('a Basic header of percent-escapes that do not decode is invalid_client, not a crash', async () => {
    for (const raw of ['%:x', 'id:%E0%A4%A', '%zz:%zz']) {
      const answer = await send(
        'POST',
        '/oauth2/token',
        {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(raw).toString('base64')}`,
        },
        'grant_type=client_credentials',
      );
      expect(answer).toMatchObject({ status: 400 });
      expect(JSON.parse(answer!.text)).toEqual({ error: 'invalid_client' });
    }
  });
});

describe('fuzzing the revocation and userInfo endpoints', () => {
  it('POST /oauth2/revoke: never 5xx, always {"error"}, the secret never echoed', async () => {
    const property = fc.asyncProperty(
      body(TOKEN_NAMES),
      contentType,
      authorizationHeader,
      async (payload, type, authorization) => {
        const answer = await send('POST', '/oauth2/revoke', { 'content-type': type, authorization }, payload);
        if (answer) assertJsonEndpoint(answer, { payload: payload.slice(0, 200), type, authorization });
      },
    );
    // A fuzzed form may carry the real refresh token: revoking it is a valid answer, so this runs last of the token users.
    await fc.assert(property, { numRuns: 400, interruptAfterTimeLimit: TIME_LIMIT_MS });
  }, 60_000);

  it('GET and POST /oauth2/userInfo: any Authorization header, never 5xx, errors with WWW-Authenticate', async () => {
    const property = fc.asyncProperty(
      fc.constantFrom('GET', 'POST'),
      authorizationHeader,
      fc.oneof(fc.constant(''), body(TOKEN_NAMES)),
      async (method, authorization, payload) => {
        const answer = await send(method, '/oauth2/userInfo', { authorization }, payload);
        if (!answer) return;
        assertJsonEndpoint(answer, { method, authorization });
        if (refusedBeforeRouting(answer)) return;
        if (answer.status === 200) {
          expect(JSON.parse(answer.text)).toMatchObject({ sub: expect.any(String), email: real.email });
        } else {
          expect(answer.headers['www-authenticate']).toMatch(
            /^Bearer error="(invalid_request|invalid_token)"/,
          );
        }
      },
    );
    await fc.assert(property, { numRuns: 400, interruptAfterTimeLimit: TIME_LIMIT_MS });
  }, 60_000);
});

describe('fuzzing the managed login pages', () => {
  it('GET /oauth2/authorize, /login and /logout: any query and cookies give a page of escaped input or a safe redirect', async () => {
    const property = fc.asyncProperty(
      fc.constantFrom('/oauth2/authorize', '/login', '/logout'),
      fc.constantFrom('GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'),
      paramsOf(AUTHORIZE_NAMES),
      cookieHeader,
      async (path, method, params, cookie) => {
        const answer = await send(method, `${path}?${encode(params)}`, { cookie });
        if (answer) assertPage(answer, { method, path, params, cookie });
      },
    );
    await fc.assert(property, { numRuns: 800, interruptAfterTimeLimit: TIME_LIMIT_MS });
  }, 60_000);

  it('a valid authorization request with fuzzed state, nonce and screen: the page escapes them all', async () => {
    const property = fc.asyncProperty(
      anyString(),
      anyString(),
      fc.oneof(fc.constantFrom('signup', 'forgot'), anyString()),
      async (state, nonce, screen) => {
        const query = new URL(authorizeUrl(base, real.publicId, { state, nonce, screen })).search;
        const answer = await send('GET', `/login${query}`, { cookie: `XSRF-TOKEN=${CSRF}` });
        if (!answer) return;
        assertPage(answer, { state, nonce, screen });
        if (!refusedBeforeRouting(answer)) expect(answer.status).toBe(200);
      },
    );
    await fc.assert(property, { numRuns: 300, interruptAfterTimeLimit: TIME_LIMIT_MS });
  }, 60_000);

  it('POST /login: any action and fields, with or without the CSRF token, never 5xx, no password echoed', async () => {
    const ACTIONS = ['signIn', 'newPassword', 'mfa', 'selectMfa', 'signUp', 'confirm', 'forgot', 'reset'];
    const injected = fc.oneof(anyString(), fc.constantFrom(...INJECTIONS));
    /** An email that may pass validation yet carries markup. */
    const email = fc.oneof(
      fc.constantFrom('fuzz@example.com', "o'x-fuzz@example.com", 'a&b@example.com'),
      fc.constant(null).map(() => real.email),
      fc.constantFrom(...INJECTIONS).map((markup) => `${markup}@example.com`),
      injected,
    );
    // A form of one action with its fields (each maybe absent), then any pairs besides, some repeating names.
    const fields = fc
      .tuple(
        fc.record(
          {
            _csrf: fc.oneof(
              { weight: 6, arbitrary: fc.constant(CSRF) },
              { weight: 1, arbitrary: anyString() },
            ),
            action: fc.oneof(
              { weight: 6, arbitrary: fc.constantFrom(...ACTIONS) },
              { weight: 1, arbitrary: anyString() },
            ),
            username: email,
            email,
            password: anyString().map((value) => `${PASSWORD_MARK}${value}`),
            code: fc.oneof(fc.constantFrom('123456', '000000'), injected),
            step: injected,
            factor: fc.oneof(fc.constantFrom('SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'), injected),
            'userAttributes.name': injected,
          },
          { requiredKeys: ['_csrf', 'action'] },
        ),
        fc.array(fc.tuple(injected, injected), { maxLength: 3 }),
      )
      .map(([form, extra]) => [...Object.entries(form), ...extra]);
    const property = fc.asyncProperty(
      fc.oneof(
        {
          weight: 4,
          arbitrary: fc.constant(null).map(() => new URL(authorizeUrl(base, real.publicId)).search),
        },
        { weight: 1, arbitrary: paramsOf(AUTHORIZE_NAMES).map((params) => `?${encode(params)}`) },
      ),
      fields,
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(`XSRF-TOKEN=${CSRF}`) },
        { weight: 1, arbitrary: cookieHeader },
      ),
      contentType,
      async (query, fields, cookie, type) => {
        const answer = await send(
          'POST',
          `/login${query}`,
          { 'content-type': type, cookie, origin: base },
          encode(fields),
        );
        if (answer) assertPage(answer, { query: query.slice(0, 200), fields, cookie, type });
      },
    );
    // Markup in each field a page may show, for every action: run every time, before the random cases.
    const pageQuery = new URL(authorizeUrl(base, real.publicId)).search;
    const examples = ACTIONS.flatMap((action) =>
      ['username', 'email', 'step', 'code', 'factor'].flatMap((field) =>
        ['"><x-fuzz a="', '<x-fuzz>', "' x-fuzz='1"].map(
          (markup): [string, [string, string][], string, string] => [
            pageQuery,
            [
              ['_csrf', CSRF],
              ['action', action],
              [field, markup],
            ],
            `XSRF-TOKEN=${CSRF}`,
            'application/x-www-form-urlencoded',
          ],
        ),
      ),
    );
    await fc.assert(property, { numRuns: 500, interruptAfterTimeLimit: TIME_LIMIT_MS, examples });
  }, 60_000);

  it('still serves afterwards: a real sign-in through the managed login ends at the callback with a code', async () => {
    // The fuzzed sign-ins may have locked the first user out: a new one signs in.
    const email = 'after-oauth-fuzz@example.com';
    await userWithPassword(cognito, poolId, email);
    const done = await signInOnLoginPage(base, authorizeUrl(base, real.publicId), email, PASSWORD);
    expect(`${done.origin}${done.pathname}`).toBe(CALLBACK);
    expect(done.searchParams.get('code')).toBeTypeOf('string');
  });
});
