import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_LOGIN_ERRORS } from '../src/web-login/web-login.errors.js';
import { ADAPTERS } from './helpers.js';
import {
  ACCESS_COOKIE,
  Browser,
  COOKIE_SECRET,
  LOGIN_COOKIE,
  REFRESH_COOKIE,
  signInOnManagedLogin,
  startWebLoginApp,
  type WebLoginApp,
} from './web-login-fixture.js';

/*
 * The hostile suite of the web login's routes: property-based fuzzing of what a browser (or an
 * attacker's link) may send to /auth/oauth/login, /callback and /logout, cookies included. Whatever
 * arrives, no 5xx for the client's input, every error in the library's shape
 * `{ statusCode, code, message }`, and every redirect to this site or to the Cognito domain's
 * authorize or logout endpoint: never an open redirect. Bounded in runs and in time.
 */

const TIME_LIMIT_MS = 6_000;
const CODES = new Set(Object.keys(WEB_LOGIN_ERRORS));

const ODD_STRINGS = [
  '',
  ' ',
  '/',
  '//evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/%2F%2Fevil.example',
  '/%5Cevil.example',
  '/\t/evil.example',
  'https://evil.example/',
  'javascript:alert(1)',
  '/ok?x=1#frag',
  '/..//evil.example',
  '/./%2e%2e/evil',
  '%00',
  '%',
  '\u0000',
  '😀',
  '\ud800',
  '__proto__',
  'x'.repeat(3000),
];

const anyString = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...ODD_STRINGS),
    fc.string({ maxLength: 30 }),
    fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength: 20,
    }),
    fc.webPath(),
    fc.webUrl(),
  );

/** A query string: the given names (and others, some repeated or bracketed), fuzzed values. */
function queryOf(names: readonly string[], known: Record<string, fc.Arbitrary<string>> = {}) {
  const name = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: fc.constantFrom(...names).map((n) => `${n}[]`) },
    { weight: 1, arbitrary: fc.constantFrom(...names).map((n) => `${n}[__proto__]`) },
    { weight: 1, arbitrary: anyString() },
  );
  const pair = name.chain((n) =>
    fc.tuple(fc.constant(n), Object.hasOwn(known, n) ? fc.oneof(known[n]!, anyString()) : anyString()),
  );
  return fc.array(pair, { maxLength: 6 }).map((pairs) => {
    const params = new URLSearchParams();
    for (const [n, v] of pairs) params.append(n, v);
    return params.toString();
  });
}

/** Cookie header values a browser could send (printable ASCII, no `;`): anything, or near-real ones. */
const cookieValue = fc.oneof(
  fc
    .string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 })
    .map((v) => v.replace(/;/g, '')),
  fc.constantFrom('', '%', '%E0%A4%A', 'a.b.c', 'eyJhbGciOiJub25lIn0.eyJleHAiOjF9.', 'A'.repeat(5000)),
);

interface Answer {
  status: number;
  location: string | undefined;
  body: unknown;
  text: string;
}

describe.each(ADAPTERS)('fuzzing the web login on %s', (adapter) => {
  let app: WebLoginApp;
  const email = `web-fuzz-${adapter}@example.com`;
  const secrets = new Map<string, string>([['cookie secret', COOKIE_SECRET]]);

  beforeAll(async () => {
    app = await startWebLoginApp(adapter);
    secrets.set('client secret', app.clientSecret);
    await app.user(email);
  });
  afterAll(() => app?.close());

  /** One request to the app, not followed; null when fetch itself refuses to send it (a header it rejects). */
  async function send(
    method: string,
    path: string,
    headers: Record<string, string> = {},
  ): Promise<Answer | null> {
    let response: Response;
    try {
      response = await fetch(new URL(path, app.url), { method, redirect: 'manual', headers });
    } catch (error) {
      if (
        error instanceof TypeError &&
        /header|ByteString|Invalid/i.test(String(error.cause ?? error.message))
      )
        return null;
      throw error;
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, location: response.headers.get('location') ?? undefined, body, text };
  }

  /**
   * Never 5xx; an error is `{ statusCode, code, message }` of the web login's own codes (or Nest's
   * 404 for a path not routed); a redirect goes to this site, or to Cognito's authorize or logout.
   */
  function assertSafe(answer: Answer, context: unknown): void {
    const where = JSON.stringify(context).slice(0, 300);
    expect(answer.status, where).toBeLessThan(500);
    for (const [what, secret] of secrets)
      expect(answer.text.includes(secret), `${what} in ${where}`).toBe(false);
    if (answer.status >= 300 && answer.status < 400) {
      const target = new URL(answer.location!, app.origin);
      const cognito = new URL(app.cognito.emulator.endpoint);
      const local = target.origin === app.origin || target.origin === app.url;
      const toCognito =
        target.origin === cognito.origin && ['/oauth2/authorize', '/logout'].includes(target.pathname);
      expect(local || toCognito, `${where} → ${answer.location}`).toBe(true);
      if (local)
        expect(answer.location!.startsWith('/') && !/^\/[/\\]/.test(answer.location!), where).toBe(true);
      return;
    }
    if (answer.status >= 400) {
      const body = answer.body as Record<string, unknown>;
      expect(Object.keys(body ?? {}).sort(), where).toEqual(['code', 'message', 'statusCode']);
      expect(body.statusCode, where).toBe(answer.status);
      expect(CODES.has(String(body.code)), where).toBe(true);
    }
  }

  /** A started login: its transaction cookie and state, for callbacks that get past the first check. */
  async function startedLogin(): Promise<{ cookie: string; state: string }> {
    const response = await fetch(new URL('/auth/oauth/login', app.url), { redirect: 'manual' });
    const line = response.headers.getSetCookie().find((c) => c.startsWith(`${LOGIN_COOKIE}=`))!;
    const state = new URL(response.headers.get('location')!).searchParams.get('state')!;
    return { cookie: line.split(';')[0]!, state };
  }

  it('GET /auth/oauth/login?returnTo=…: a redirect to Cognito with a local returnTo, else INVALID_RETURN_PATH', async () => {
    const property = fc.asyncProperty(queryOf(['returnTo']), async (query) => {
      const answer = await send('GET', `/auth/oauth/login?${query}`);
      if (!answer) return;
      assertSafe(answer, { query });
      expect([302, 400], query).toContain(answer.status);
      if (answer.status === 302) {
        expect(answer.location!.startsWith(`${app.cognito.emulator.endpoint}/oauth2/authorize?`)).toBe(true);
      } else {
        expect((answer.body as { code: string }).code).toBe('INVALID_RETURN_PATH');
      }
    });
    await fc.assert(property, { numRuns: 300, interruptAfterTimeLimit: TIME_LIMIT_MS });
  }, 60_000);

  it('a returnTo the login accepts is where the finished login lands: a path of this site', async () => {
    const property = fc.asyncProperty(queryOf(['returnTo']), async (query) => {
      const loginPath = `/auth/oauth/login?${query}`;
      const first = await send('GET', loginPath);
      if (!first || first.status !== 302) return;
      const browser = new Browser(app);
      const callback = new URL(await signInOnManagedLogin(browser, app, email, loginPath));
      const cookie = [...browser.cookies].map(([name, c]) => `${name}=${c.value}`).join('; ');
      const answer = await send('GET', `${callback.pathname}${callback.search}`, { cookie });
      assertSafe(answer!, { query });
      expect(answer!.status, query).toBe(303);
      expect(new URL(answer!.location!, app.origin).origin, query).toBe(app.origin);
    });
    await fc.assert(property, { numRuns: 25, interruptAfterTimeLimit: TIME_LIMIT_MS });
  }, 60_000);

  it('GET /auth/oauth/callback: any code, state, error and cookies give a 4xx of the library shape', async () => {
    const property = fc.asyncProperty(
      fc.boolean(),
      queryOf(['code', 'state', 'error', 'error_description']),
      fc.oneof(fc.constant(undefined), cookieValue),
      fc.boolean(),
      async (started, query, transaction, stateRight) => {
        const login = started ? await startedLogin() : undefined;
        let path = `/auth/oauth/callback?${query}`;
        if (login && stateRight) path += `&state=${encodeURIComponent(login.state)}`;
        const cookie =
          login?.cookie ?? (transaction === undefined ? undefined : `${LOGIN_COOKIE}=${transaction}`);
        const answer = await send('GET', path, cookie ? { cookie } : {});
        if (!answer) return;
        assertSafe(answer, { path, cookie });
        expect(answer.status, path).toBeGreaterThanOrEqual(400);
      },
    );
    await fc.assert(property, { numRuns: 200, interruptAfterTimeLimit: TIME_LIMIT_MS });
  }, 60_000);

  it('POST /auth/oauth/logout and a guarded route with fuzzed session cookies and origins: never 5xx', async () => {
    const property = fc.asyncProperty(
      fc.constantFrom('/auth/oauth/logout', '/t/open', '/t/me'),
      fc.constantFrom('GET', 'POST'),
      fc.record({ access: cookieValue, refresh: cookieValue, other: cookieValue }, { requiredKeys: [] }),
      fc.record(
        {
          'sec-fetch-site': fc.constantFrom('same-origin', 'cross-site', 'same-site', 'none', 'bogus'),
          origin: fc.oneof(fc.constantFrom('https://evil.example', 'null', 'http://localhost'), anyString()),
        },
        { requiredKeys: [] },
      ),
      async (path, method, jar, headers) => {
        const parts = [
          jar.access !== undefined ? `${ACCESS_COOKIE}=${jar.access}` : '',
          jar.refresh !== undefined ? `${REFRESH_COOKIE}=${jar.refresh}` : '',
          jar.other !== undefined ? `${jar.other}` : '',
        ].filter(Boolean);
        const sent: Record<string, string> = { ...headers };
        if (parts.length > 0) sent.cookie = parts.join('; ');
        const answer = await send(method, path, sent);
        if (!answer) return;
        const context = { path, method, sent };
        expect(answer.status, JSON.stringify(context)).toBeLessThan(500);
        if (path === '/auth/oauth/logout' && method === 'POST') assertSafe(answer, context);
      },
    );
    await fc.assert(property, { numRuns: 300, interruptAfterTimeLimit: TIME_LIMIT_MS });
  }, 60_000);

  it('still serves afterwards, and no secret reached a log line', async () => {
    const browser = new Browser(app);
    const callback = await signInOnManagedLogin(browser, app, email);
    const hop = await browser.go(callback);
    expect(hop.status).toBe(303);
    expect(browser.cookies.has(ACCESS_COOKIE)).toBe(true);
    expect(app.logs.leaked(secrets)).toEqual([]);
  });
});
