import { describe, expect, it } from 'vitest';
import { resolveCognitoOptions } from '../src/cognito.options.js';
import { isCrossOrigin } from '../src/web-login/csrf.js';
import { parseCookies, replaceRequestCookies, serializeCookie } from '../src/web-login/cookies.js';
import {
  newTransaction,
  openTransaction,
  pkceChallenge,
  sealTransaction,
} from '../src/web-login/transaction.js';
import {
  type CognitoWebLoginOptions,
  isLocalPath,
  resolveWebLoginOptions,
} from '../src/web-login/web-login.options.js';

const SECRET = 'x'.repeat(32);
const cognito = (tokenCookie?: string) =>
  resolveCognitoOptions({
    userPoolId: 'eu-west-1_AbC123',
    clientId: 'client1',
    clientSecret: 'shh',
    ...(tokenCookie ? { tokenCookie } : {}),
  });
const valid: CognitoWebLoginOptions = {
  domain: 'https://app.auth.eu-west-1.amazoncognito.com',
  redirectUri: 'https://app.example.com/auth/oauth/callback',
  cookie: { secret: SECRET },
};

/** The boot error's message for these options. */
function problems(options: unknown, tokenCookie: string | null = '__Host-access'): string {
  try {
    resolveWebLoginOptions(options as CognitoWebLoginOptions, cognito(tokenCookie ?? undefined));
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

describe('resolveWebLoginOptions', () => {
  it('fills the defaults: endpoints under the domain, CognitoModule’s client, __Host- cookies', () => {
    const resolved = resolveWebLoginOptions(valid, cognito('__Host-access'));
    expect(resolved).toMatchObject({
      clientId: 'client1',
      clientSecret: 'shh',
      endpoints: {
        authorize: 'https://app.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
        token: 'https://app.auth.eu-west-1.amazoncognito.com/oauth2/token',
        revoke: 'https://app.auth.eu-west-1.amazoncognito.com/oauth2/revoke',
        logout: 'https://app.auth.eu-west-1.amazoncognito.com/logout',
      },
      postLoginRedirect: '/',
      postLogoutRedirect: 'https://app.example.com/',
      signOutOfManagedLogin: true,
      scopes: ['openid', 'email', 'profile'],
      cookie: {
        secure: true,
        sameSite: 'Lax',
        path: '/',
        names: {
          access: '__Host-access',
          refresh: '__Host-cognito-refresh',
          transaction: '__Host-cognito-login',
        },
      },
      loginTimeoutSeconds: 600,
      refreshCookieMaxAgeSeconds: 30 * 86_400,
      trustedOrigins: [],
    });
    expect(resolved.keys).toHaveLength(1);
    expect(resolved.keys[0]).toHaveLength(32);
  });

  it('names __Secure- cookies under a path or domain, and plain ones without Secure', () => {
    const scoped = resolveWebLoginOptions(
      { ...valid, cookie: { secret: SECRET, path: '/app', domain: 'example.com' } },
      cognito('access'),
    );
    expect(scoped.cookie.names).toMatchObject({ refresh: '__Secure-cognito-refresh' });
    const plain = resolveWebLoginOptions(
      { ...valid, cookie: { secret: SECRET, secure: false } },
      cognito('access'),
    );
    expect(plain.cookie.names).toMatchObject({ refresh: 'cognito-refresh', transaction: 'cognito-login' });
  });

  it('takes its own client (without CognitoModule’s secret) and several secrets', () => {
    const resolved = resolveWebLoginOptions(
      { ...valid, clientId: 'web', cookie: { secret: [SECRET, 'y'.repeat(40)] } },
      cognito('access'),
    );
    expect(resolved.clientId).toBe('web');
    expect(resolved.clientSecret).toBeUndefined();
    expect(resolved.keys).toHaveLength(2);
  });

  it('names every problem in one error, never a secret', () => {
    const message = problems(
      {
        domain: 'http://auth.example.com',
        redirectUri: 'callback',
        postLoginRedirect: '//evil.example',
        scopes: ['email'],
        cookie: { secret: 'short-secret', sameSite: 'none', path: 'x' },
        loginTimeoutSeconds: 5,
        csrf: { trustedOrigins: ['https://ok.example/path'] },
        extra: true,
      },
      null,
    );
    expect(message).toMatch(/^Invalid CognitoWebLoginModule options:/);
    for (const expected of [
      'extra is not an option',
      'domain must be an https URL (http only on localhost / 127.0.0.1 / [::1])',
      'redirectUri must be an absolute URL',
      'postLoginRedirect must be a path of this site',
      'scopes must include openid',
      'cookie.secret must be a string of at least 32 bytes',
      'cookie.sameSite must be lax or strict',
      'cookie.path must be a path starting with /',
      'CognitoModule has no tokenCookie',
      'loginTimeoutSeconds must be a whole number from 60 to 3600',
      'csrf.trustedOrigins must be a list of origins',
    ]) {
      expect(message).toContain(expected);
    }
    expect(message).not.toContain('short-secret');
  });

  it('refuses a missing cookie section, prefixes their rules forbid, and clashing names', () => {
    expect(problems({ ...valid, cookie: undefined })).toContain('cookie is required');
    expect(problems({ ...valid, cookie: { secret: SECRET, secure: false } })).toContain(
      'CognitoModule tokenCookie "__Host-access": a __Host- cookie needs secure, path / and no domain',
    );
    expect(problems({ ...valid, cookie: { secret: SECRET, secure: false } }, '__Secure-a')).toContain(
      'a __Secure- cookie needs secure',
    );
    expect(problems({ ...valid, cookie: { secret: SECRET, names: { refresh: '__Host-access' } } })).toContain(
      'the three cookie names must differ',
    );
  });

  it('allows http only on loopback hosts', () => {
    expect(
      problems({ ...valid, domain: 'http://127.0.0.1:9229', redirectUri: 'http://localhost:3000/cb' }),
    ).toBe('');
    expect(problems({ ...valid, domain: 'http://10.0.0.1' })).toContain('domain must be an https URL');
  });
});

describe('isLocalPath', () => {
  it('accepts paths of this site and refuses everything a browser could read as another host', () => {
    for (const path of ['/', '/orders?id=1', '/a/b#top', '/%2F%2Fx']) expect(isLocalPath(path)).toBe(true);
    for (const path of [
      '',
      'orders',
      '//evil.example',
      '/\\evil.example',
      '/a\\b',
      'https://evil.example/',
      '/a b',
      '/\u0000',
      '/ok\n',
      `/${'a'.repeat(2048)}`,
      ['/'],
    ]) {
      expect(isLocalPath(path)).toBe(false);
    }
  });
});

describe('login transaction seal', () => {
  const options = resolveWebLoginOptions(valid, cognito('__Host-access'));
  const name = options.cookie.names.transaction;

  it('opens what it sealed, under any of the keys, and hides the verifier and nonce', () => {
    const transaction = newTransaction('/orders', 600);
    const sealed = sealTransaction(transaction, options.keys, name);
    expect(openTransaction(sealed, options.keys, name)).toEqual(transaction);
    expect(sealed).not.toContain(transaction.verifier);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain(transaction.nonce);
    const rotated = resolveWebLoginOptions(
      { ...valid, cookie: { secret: ['z'.repeat(32), SECRET] } },
      cognito('a'),
    );
    expect(openTransaction(sealed, rotated.keys, name)).toEqual(transaction);
  });

  it('refuses a changed byte, another cookie’s name, another key, and an expired transaction', () => {
    const transaction = newTransaction('/', 600);
    const sealed = sealTransaction(transaction, options.keys, name);
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    expect(openTransaction(bytes.toString('base64url'), options.keys, name)).toBeUndefined();
    expect(openTransaction(sealed, options.keys, 'other')).toBeUndefined();
    const other = resolveWebLoginOptions({ ...valid, cookie: { secret: 'q'.repeat(32) } }, cognito('a'));
    expect(openTransaction(sealed, other.keys, name)).toBeUndefined();
    expect(openTransaction(sealed, options.keys, name, Date.now() + 601_000)).toBeUndefined();
    expect(openTransaction('not base64!', options.keys, name)).toBeUndefined();
    expect(openTransaction(undefined, options.keys, name)).toBeUndefined();
  });

  it('computes RFC 7636’s S256 challenge (appendix B’s example)', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });
});

describe('cross-origin check', () => {
  const check = (headers: Record<string, string | string[]>, trusted: string[] = []) =>
    isCrossOrigin({ host: 'app.example.com', ...headers }, trusted);

  it('lets same-origin and user-typed requests through, and non-browser ones without Origin', () => {
    expect(check({ 'sec-fetch-site': 'same-origin', origin: 'https://app.example.com' })).toBe(false);
    expect(check({ 'sec-fetch-site': 'none' })).toBe(false);
    expect(check({})).toBe(false);
    expect(check({ origin: 'https://app.example.com' })).toBe(false);
  });

  it('refuses other sites and sibling subdomains unless trusted, and an opaque or doubled Origin', () => {
    expect(check({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })).toBe(true);
    expect(check({ 'sec-fetch-site': 'same-site', origin: 'https://other.example.com' })).toBe(true);
    expect(
      check({ 'sec-fetch-site': 'same-site', origin: 'https://other.example.com' }, [
        'https://other.example.com',
      ]),
    ).toBe(false);
    expect(check({ origin: 'https://evil.example' })).toBe(true);
    expect(check({ origin: 'null' })).toBe(true);
    expect(check({ 'sec-fetch-site': ['same-origin', 'cross-site'] })).toBe(true);
  });
});

describe('cookies', () => {
  it('serializes with every attribute, and deletes with Max-Age=0', () => {
    expect(serializeCookie('a', 'v', { path: '/', secure: true, sameSite: 'Lax', maxAge: 60 })).toBe(
      'a=v; Path=/; Max-Age=60; HttpOnly; Secure; SameSite=Lax',
    );
    expect(
      serializeCookie('a', '', {
        path: '/x',
        domain: 'example.com',
        secure: false,
        sameSite: 'Strict',
        maxAge: 0,
      }),
    ).toBe(
      'a=; Path=/x; Domain=example.com; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict',
    );
  });

  it('replaces named cookies in a request, keeping the others byte for byte and req.cookies in step', () => {
    const request = {
      headers: { cookie: 'keep=a%20b; access=old; toString=x; refresh=r' } as Record<
        string,
        string | undefined
      >,
      cookies: { access: 'old', refresh: 'r' } as Record<string, string | undefined>,
    };
    replaceRequestCookies(request, { access: 'new', refresh: undefined });
    expect(request.headers.cookie).toBe('keep=a%20b; toString=x; access=new');
    expect(request.cookies).toEqual({ access: 'new' });
    expect(parseCookies(request.headers.cookie).get('keep')).toBe('a b');
  });
});
