import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdTokenVerifier } from '../src/web-login/id-token.verifier.js';
import { exchangeCode } from '../src/web-login/oauth-endpoints.js';
import { openTransaction } from '../src/web-login/transaction.js';
import { WEB_LOGIN_OPTIONS } from '../src/web-login/web-login.constants.js';
import type { ResolvedWebLoginOptions } from '../src/web-login/web-login.options.js';
import { ADAPTERS } from './helpers.js';
import {
  ACCESS_COOKIE,
  Browser,
  COOKIE_SECRET,
  LOGIN_COOKIE,
  REFRESH_COOKIE,
  setCookieOf,
  signInOnManagedLogin,
  startWebLoginApp,
  type WebLoginApp,
} from './web-login-fixture.js';

const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
const CROSS_SITE = { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' };

describe.each(ADAPTERS)('web login on %s', (adapter) => {
  let app: WebLoginApp;
  const email = `web-${adapter}@example.com`;
  /** Secrets that must never reach a log line. */
  const secrets = new Map<string, string>([['cookie secret', COOKIE_SECRET]]);

  beforeAll(async () => {
    app = await startWebLoginApp(adapter);
    secrets.set('client secret', app.clientSecret);
    await app.user(email);
  });
  afterAll(() => app?.close());

  /** A browser holding a session of the web client begun through the API. */
  async function signedInBrowser(): Promise<{ browser: Browser; accessToken: string; refreshToken: string }> {
    const tokens = await app.apiSession(email);
    secrets.set(`access ${secrets.size}`, tokens.accessToken);
    secrets.set(`refresh ${secrets.size}`, tokens.refreshToken);
    const browser = new Browser(app);
    browser.cookies.set(ACCESS_COOKIE, { value: tokens.accessToken, attributes: {} });
    browser.cookies.set(REFRESH_COOKIE, { value: tokens.refreshToken, attributes: {} });
    return { browser, ...tokens };
  }

  describe('login', () => {
    it('redirects to the authorize endpoint with a PKCE S256 challenge, state and nonce, kept in a sealed Lax cookie', async () => {
      const browser = new Browser(app);
      const hop = await browser.go('/auth/oauth/login?returnTo=%2Ft%2Fme');
      expect(hop.status).toBe(302);
      expect(hop.headers.get('cache-control')).toBe('no-store');
      const url = new URL(hop.location!);
      expect(`${url.origin}${url.pathname}`).toBe(`${app.cognito.emulator.endpoint}/oauth2/authorize`);
      const query = Object.fromEntries(url.searchParams);
      expect(query).toEqual({
        response_type: 'code',
        client_id: app.clientId,
        redirect_uri: `${app.origin}/auth/oauth/callback`,
        scope: 'openid email profile',
        state: expect.stringMatching(/^[\w-]{43}$/),
        nonce: expect.stringMatching(/^[\w-]{43}$/),
        code_challenge: expect.stringMatching(/^[\w-]{43}$/),
        code_challenge_method: 'S256',
      });
      const cookie = setCookieOf(hop, LOGIN_COOKIE)!;
      expect(cookie.attributes).toEqual({
        path: '/',
        'max-age': '600',
        httponly: true,
        secure: true,
        samesite: 'Lax',
      });
      for (const value of [query.state!, query.nonce!]) expect(cookie.value).not.toContain(value);
      expect(hop.location).not.toContain(app.clientSecret);

      const again = new URL((await browser.go('/auth/oauth/login')).location!).searchParams;
      for (const name of ['state', 'nonce', 'code_challenge']) expect(again.get(name)).not.toBe(query[name]);
    });

    it('refuses a returnTo that is not a path of this site (no open redirect)', async () => {
      for (const returnTo of ['//evil.example', 'https://evil.example/', '/\\evil.example', 'orders']) {
        const hop = await new Browser(app).go(`/auth/oauth/login?returnTo=${encodeURIComponent(returnTo)}`);
        expect(hop.status).toBe(400);
        expect(JSON.parse(hop.text)).toEqual({
          statusCode: 400,
          code: 'INVALID_RETURN_PATH',
          message: 'returnTo must be a path of this site (starting with a single /).',
        });
        expect(hop.setCookies).toEqual([]);
      }
    });
  });

  describe('callback', () => {
    /** A browser that started a login: its state. */
    async function startedLogin(): Promise<{ browser: Browser; state: string }> {
      const browser = new Browser(app);
      const hop = await browser.go('/auth/oauth/login');
      return { browser, state: new URL(hop.location!).searchParams.get('state')! };
    }

    const errorOf = (text: string) =>
      JSON.parse(text) as { statusCode: number; code: string; message: string };

    it('without a login started in this browser: 400 LOGIN_TRANSACTION_INVALID', async () => {
      const hop = await new Browser(app).go('/auth/oauth/callback?code=abc&state=def');
      expect(hop.status).toBe(400);
      expect(errorOf(hop.text)).toMatchObject({ statusCode: 400, code: 'LOGIN_TRANSACTION_INVALID' });
    });

    it('with an altered transaction cookie: 400 LOGIN_TRANSACTION_INVALID, and the cookie is deleted', async () => {
      const { browser, state } = await startedLogin();
      const cookie = browser.cookies.get(LOGIN_COOKIE)!;
      const bytes = Buffer.from(cookie.value, 'base64url');
      bytes[20]! ^= 1;
      cookie.value = bytes.toString('base64url');
      const hop = await browser.go(`/auth/oauth/callback?code=abc&state=${state}`);
      expect(hop.status).toBe(400);
      expect(errorOf(hop.text).code).toBe('LOGIN_TRANSACTION_INVALID');
      expect(setCookieOf(hop, LOGIN_COOKIE)?.attributes['max-age']).toBe('0');
    });

    it('with another state: 400 LOGIN_STATE_MISMATCH, and the login stays open for its real answer', async () => {
      const { browser } = await startedLogin();
      const hop = await browser.go('/auth/oauth/callback?code=abc&state=forged');
      expect(hop.status).toBe(400);
      expect(errorOf(hop.text).code).toBe('LOGIN_STATE_MISMATCH');
      expect(hop.setCookies).toEqual([]);
      expect(browser.cookies.has(LOGIN_COOKIE)).toBe(true);
    });

    it('with Cognito’s error=access_denied: 401 LOGIN_DENIED, the transaction spent, nothing echoed', async () => {
      const { browser, state } = await startedLogin();
      const hop = await browser.go(
        `/auth/oauth/callback?error=access_denied&error_description=%3Cscript%3E&state=${state}`,
      );
      expect(hop.status).toBe(401);
      expect(errorOf(hop.text)).toEqual({
        statusCode: 401,
        code: 'LOGIN_DENIED',
        message: 'The sign-in was not completed.',
      });
      expect(browser.cookies.has(LOGIN_COOKIE)).toBe(false);
    });

    it('with a code Cognito never issued: 400 LOGIN_CODE_REJECTED, no session cookies', async () => {
      const { browser, state } = await startedLogin();
      const hop = await browser.go(
        `/auth/oauth/callback?code=00000000-0000-4000-8000-000000000000&state=${state}`,
      );
      expect(hop.status).toBe(400);
      expect(errorOf(hop.text).code).toBe('LOGIN_CODE_REJECTED');
      expect(browser.cookies.has(ACCESS_COOKIE)).toBe(false);
      expect(browser.cookies.has(LOGIN_COOKIE)).toBe(false);
    });
  });

  describe('the code flow through the managed login', () => {
    it('signs in: the callback sets httpOnly Secure SameSite cookies and lands on returnTo, where the guard reads them', async () => {
      const browser = new Browser(app);
      const callback = await signInOnManagedLogin(
        browser,
        app,
        email,
        '/auth/oauth/login?returnTo=%2Ft%2Fme%3Fx%3D1',
      );
      expect([...new URL(callback).searchParams.keys()].sort()).toEqual(['code', 'state']);
      const hop = await browser.go(callback);
      expect(hop.status).toBe(303);
      expect(hop.location).toBe(`${app.origin}/t/me?x=1`);
      expect(hop.headers.get('cache-control')).toBe('no-store');
      const access = setCookieOf(hop, ACCESS_COOKIE)!;
      const refresh = setCookieOf(hop, REFRESH_COOKIE)!;
      secrets.set('code-flow access', access.value);
      secrets.set('code-flow refresh', refresh.value);
      const attributes = { path: '/', httponly: true, secure: true, samesite: 'Lax' };
      expect(access.attributes).toEqual({ ...attributes, 'max-age': '3600' });
      expect(refresh.attributes).toEqual({ ...attributes, 'max-age': String(30 * 86_400) });
      expect(setCookieOf(hop, LOGIN_COOKIE)?.attributes['max-age']).toBe('0');
      expect(browser.cookies.has(LOGIN_COOKIE)).toBe(false);

      const me = await browser.go(hop.location!);
      expect(me.status).toBe(200);
      expect(JSON.parse(me.text)).toMatchObject({ scopes: ['openid', 'email', 'profile'] });
    });

    it('keeps the login open past a forged state, for its real answer', async () => {
      const browser = new Browser(app);
      const callback = new URL(await signInOnManagedLogin(browser, app, email));
      const forged = new URL(callback);
      forged.searchParams.set('state', 'forged');
      expect((await browser.go(forged.href)).status).toBe(400);
      expect((await browser.go(callback.href)).status).toBe(303);
      expect((await browser.go('/t/me')).status).toBe(200);
    });

    it('refuses a code replayed with the same transaction cookie: Cognito spent it, 400 LOGIN_CODE_REJECTED', async () => {
      const browser = new Browser(app);
      const callback = await signInOnManagedLogin(browser, app, email);
      const transaction = browser.cookies.get(LOGIN_COOKIE)!;
      expect((await browser.go(callback)).status).toBe(303);
      const replay = new Browser(app);
      replay.cookies.set(LOGIN_COOKIE, transaction);
      const hop = await replay.go(callback);
      expect(hop.status).toBe(400);
      expect(JSON.parse(hop.text).code).toBe('LOGIN_CODE_REJECTED');
      expect(replay.cookies.has(ACCESS_COOKIE)).toBe(false);
    });

    it('gives one session to two callbacks racing with one code', async () => {
      const browser = new Browser(app);
      const callback = await signInOnManagedLogin(browser, app, email);
      const transaction = browser.cookies.get(LOGIN_COOKIE)!;
      const twin = new Browser(app);
      twin.cookies.set(LOGIN_COOKIE, transaction);
      const hops = await Promise.all([browser.go(callback), twin.go(callback)]);
      expect(hops.map((hop) => hop.status).sort()).toEqual([303, 400]);
      expect(hops.filter((hop) => setCookieOf(hop, ACCESS_COOKIE)?.value).length).toBe(1);
    });

    it('refuses the code of another browser’s login (PKCE): 400 LOGIN_CODE_REJECTED', async () => {
      const victim = new Browser(app);
      const state = new URL((await victim.go('/auth/oauth/login')).location!).searchParams.get('state')!;
      const attacker = new Browser(app);
      const code = new URL(await signInOnManagedLogin(attacker, app, email)).searchParams.get('code')!;
      const hop = await victim.go(`/auth/oauth/callback?code=${code}&state=${state}`);
      expect(hop.status).toBe(400);
      expect(JSON.parse(hop.text).code).toBe('LOGIN_CODE_REJECTED');
    });
  });

  describe('the ID token check', () => {
    it('accepts the ID token of this login’s nonce only, and no other token', async () => {
      const browser = new Browser(app);
      const code = new URL(await signInOnManagedLogin(browser, app, email)).searchParams.get('code')!;
      const options = app.nest.get<ResolvedWebLoginOptions>(WEB_LOGIN_OPTIONS);
      const transaction = openTransaction(
        browser.cookies.get(LOGIN_COOKIE)!.value,
        options.keys,
        LOGIN_COOKIE,
      )!;
      const answer = await exchangeCode(options, code, transaction.verifier);
      if (!('tokens' in answer)) throw new Error(`no tokens: ${answer.error}`);
      const { idToken, accessToken } = answer.tokens;
      const verifier = app.nest.get(IdTokenVerifier);
      expect(await verifier.matches(idToken!, transaction.nonce)).toBe(true);
      expect(await verifier.matches(idToken!, `${transaction.nonce}x`)).toBe(false);
      expect(await verifier.matches(accessToken, transaction.nonce)).toBe(false);
      const [header, payload, signature] = idToken!.split('.');
      const forged = Buffer.from(payload!, 'base64url').toString().replace(transaction.nonce, 'n'.repeat(43));
      expect(
        await verifier.matches(
          `${header}.${Buffer.from(forged).toString('base64url')}.${signature}`,
          'n'.repeat(43),
        ),
      ).toBe(false);
    });
  });

  describe('guarded routes with cookies only', () => {
    it('reads the access token from its cookie', async () => {
      const { browser } = await signedInBrowser();
      const hop = await browser.go('/t/me');
      expect(hop.status).toBe(200);
      expect(JSON.parse(hop.text)).toMatchObject({ username: expect.any(String) });
      expect(hop.setCookies).toEqual([]);
      expect((await new Browser(app).go('/t/me')).status).toBe(401);
    });
  });

  describe('cross-site request protection', () => {
    it('refuses a cookie-authenticated POST from another site: 403 CSRF_REJECTED', async () => {
      const { browser } = await signedInBrowser();
      const refused: Record<string, string>[] = [
        CROSS_SITE,
        { origin: 'https://evil.example' },
        { 'sec-fetch-site': 'same-site' },
      ];
      for (const headers of refused) {
        const hop = await browser.go('/t/orders', { method: 'POST', headers });
        expect(hop.status).toBe(403);
        expect(JSON.parse(hop.text)).toEqual({
          statusCode: 403,
          code: 'CSRF_REJECTED',
          message:
            'Cross-site request refused: this request carries session cookies but comes from another origin.',
        });
      }
    });

    it('lets same-origin POSTs, non-browser POSTs, cross-site reads and bearer callers through', async () => {
      const { browser, accessToken } = await signedInBrowser();
      expect((await browser.go('/t/orders', { method: 'POST', headers: SAME_ORIGIN })).status).toBe(201);
      expect((await browser.go('/t/orders', { method: 'POST', headers: { origin: app.url } })).status).toBe(
        201,
      );
      expect((await browser.go('/t/orders', { method: 'POST' })).status).toBe(201);
      expect((await browser.go('/t/me', { headers: CROSS_SITE })).status).toBe(200);
      const bearer = await new Browser(app).go('/t/orders', {
        method: 'POST',
        headers: { ...CROSS_SITE, authorization: `Bearer ${accessToken}` },
      });
      expect(bearer.status).toBe(201);
    });
  });

  describe('refresh', () => {
    it('refreshes an absent access token with the refresh cookie before the guard reads it', async () => {
      const { browser } = await signedInBrowser();
      browser.cookies.delete(ACCESS_COOKIE);
      const hop = await browser.go('/t/me');
      expect(hop.status).toBe(200);
      const access = setCookieOf(hop, ACCESS_COOKIE)!;
      secrets.set('refreshed access', access.value);
      expect(access.attributes).toEqual({
        path: '/',
        'max-age': '3600',
        httponly: true,
        secure: true,
        samesite: 'Lax',
      });
      expect(setCookieOf(hop, REFRESH_COOKIE)).toBeUndefined();
      expect((await browser.go('/t/me')).setCookies).toEqual([]);
    });

    it('refreshes an expired access token', async () => {
      app.cognito.advance(-2 * 3600_000);
      let session: Awaited<ReturnType<typeof signedInBrowser>>;
      try {
        session = await signedInBrowser();
      } finally {
        app.cognito.advance(2 * 3600_000);
      }
      const hop = await session.browser.go('/t/me');
      expect(hop.status).toBe(200);
      const access = setCookieOf(hop, ACCESS_COOKIE)!.value;
      expect(access).not.toBe(session.accessToken);
      const exp = (JSON.parse(Buffer.from(access.split('.')[1]!, 'base64url').toString()) as { exp: number })
        .exp;
      expect(exp * 1000).toBeGreaterThan(Date.now());
    });

    it('refreshes once for requests that arrive together', async () => {
      const { browser } = await signedInBrowser();
      browser.cookies.delete(ACCESS_COOKIE);
      const hops = await Promise.all(Array.from({ length: 6 }, () => browser.go('/t/me')));
      expect(hops.map((hop) => hop.status)).toEqual(Array(6).fill(200));
      const tokens = new Set(hops.map((hop) => setCookieOf(hop, ACCESS_COOKIE)?.value));
      expect(tokens.size).toBe(1);
      expect([...tokens][0]).toMatch(/^ey/);
    });

    it('clears both cookies when Cognito refuses the refresh token: 401 on guarded routes', async () => {
      const { browser, refreshToken } = await signedInBrowser();
      await app.cognito.sdk.revokeToken({
        Token: refreshToken,
        ClientId: app.clientId,
        ClientSecret: app.clientSecret,
      });
      browser.cookies.delete(ACCESS_COOKIE);
      const hop = await browser.go('/t/me');
      expect(hop.status).toBe(401);
      expect(setCookieOf(hop, ACCESS_COOKIE)?.attributes['max-age']).toBe('0');
      expect(setCookieOf(hop, REFRESH_COOKIE)?.attributes['max-age']).toBe('0');
      expect(browser.cookies.size).toBe(0);
    });
  });

  describe('logout', () => {
    it('revokes the refresh token, has the guard refuse the access token, clears the cookies and signs out of the managed login', async () => {
      const { browser, accessToken, refreshToken } = await signedInBrowser();
      const hop = await browser.go('/auth/oauth/logout', { method: 'POST', headers: SAME_ORIGIN });
      expect(hop.status).toBe(303);
      const url = new URL(hop.location!);
      expect(`${url.origin}${url.pathname}`).toBe(`${app.cognito.emulator.endpoint}/logout`);
      expect(Object.fromEntries(url.searchParams)).toEqual({
        client_id: app.clientId,
        logout_uri: `${app.origin}/`,
      });
      expect(browser.cookies.size).toBe(0);
      const bearer = await new Browser(app).go('/t/me', {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(bearer.status).toBe(401);
      const refreshed = await fetch(`${app.cognito.emulator.endpoint}/oauth2/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`,
        },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: app.clientId,
          refresh_token: refreshToken,
        }),
      });
      expect(refreshed.status).toBe(400);
      expect(await refreshed.json()).toEqual({ error: 'invalid_grant' });
    });

    it('refuses a logout from another site, keeping the session', async () => {
      const { browser } = await signedInBrowser();
      const hop = await browser.go('/auth/oauth/logout', { method: 'POST', headers: CROSS_SITE });
      expect(hop.status).toBe(403);
      expect(JSON.parse(hop.text).code).toBe('CSRF_REJECTED');
      expect((await browser.go('/t/me')).status).toBe(200);
    });
  });

  it('writes no token or secret to the logs', () => {
    expect(secrets.size).toBeGreaterThan(4);
    expect(app.logs.leaked(secrets)).toEqual([]);
  });
});
