import { hkdfSync } from 'node:crypto';
import type { ResolvedCognitoOptions } from '../cognito.options.js';

/** The cookies of the web login. */
export interface WebLoginCookieOptions {
  /**
   * The key the login transaction cookie is sealed with (AES-256-GCM, derived with HKDF): at least
   * 32 bytes of random. A list rotates keys: the first seals, every one opens.
   */
  secret: string | string[];
  /** `Secure` on every cookie. Default true; false only for plain-HTTP development. */
  secure?: boolean;
  /**
   * `SameSite` of the session cookies: `lax` (default) or `strict` (the first page after the login
   * redirect then loads without them). The login transaction cookie is always `lax`: Cognito's
   * redirect back is a cross-site navigation.
   */
  sameSite?: 'lax' | 'strict';
  /** `Domain` of every cookie; default none (host-only, the safest). */
  domain?: string;
  /** `Path` of every cookie. Default `/`. */
  path?: string;
  /**
   * Cookie names. The access token's is CognitoModule's `tokenCookie` (the guard reads it there).
   * Defaults carry the `__Host-` prefix when `secure`, `path` is `/` and no `domain` is set
   * (`__Secure-` when only `secure`): `__Host-cognito-refresh`, `__Host-cognito-login`.
   */
  names?: { refresh?: string; transaction?: string };
}

/**
 * What `CognitoWebLoginModule.forRoot()` takes: a backend-for-frontend login through Cognito's
 * managed login (authorization code with PKCE), tokens kept in httpOnly cookies.
 */
export interface CognitoWebLoginOptions {
  /**
   * The user pool's domain, as a URL: `https://<prefix>.auth.<region>.amazoncognito.com`, a custom
   * domain, or an emulator's. `/oauth2/authorize`, `/oauth2/token`, `/oauth2/revoke` and `/logout`
   * are under it. https, or http on a loopback host.
   */
  domain: string;
  /** This server's callback URL (`.../auth/oauth/callback`), one of the app client's callback URLs. */
  redirectUri: string;
  /** Where the browser goes after signing in when the login named no `returnTo`. Default `/`. */
  postLoginRedirect?: string;
  /**
   * Where the browser goes after signing out: one of the app client's sign-out URLs (an absolute
   * URL). Default: the origin of `redirectUri`, `/`.
   */
  postLogoutRedirect?: string;
  /**
   * Sign out of the managed login too (through Cognito's `/logout`, which then redirects to
   * `postLogoutRedirect`), so that the next login asks for the password again. Default true.
   */
  signOutOfManagedLogin?: boolean;
  /** OAuth scopes to ask for; `openid` is required. Default `openid email profile`. */
  scopes?: string[];
  /** The app client with the managed login; default CognitoModule's `clientId` (and `clientSecret`). */
  clientId?: string;
  clientSecret?: string;
  cookie: WebLoginCookieOptions;
  /** How long a started login may take before its callback, in seconds (60..3600). Default 600. */
  loginTimeoutSeconds?: number;
  /** `Max-Age` of the refresh token cookie: the app client's refresh token validity. Default 30 days. */
  refreshCookieMaxAgeSeconds?: number;
  /** Cross-site request protection of cookie-authenticated unsafe requests. */
  csrf?: {
    /** Other origins (`https://app.example.com`) whose pages may send such requests. */
    trustedOrigins?: string[];
  };
  /** Time-out of one call to Cognito's OAuth endpoints, in milliseconds. Default 5000. */
  timeoutMs?: number;
}

/** The options after validation, with every default filled in. */
export interface ResolvedWebLoginOptions {
  /** CognitoModule's pool: the ID token's issuer. */
  userPoolId: string;
  /** CognitoModule's least time between two JWKS fetches for an unknown key, in milliseconds. */
  jwksMinRefetchIntervalMs: number;
  clientId: string;
  clientSecret?: string;
  endpoints: { authorize: string; token: string; revoke: string; logout: string };
  redirectUri: string;
  postLoginRedirect: string;
  postLogoutRedirect: string;
  signOutOfManagedLogin: boolean;
  scopes: string[];
  /** Sealing keys, derived from `cookie.secret`: the first seals, each opens. */
  keys: Buffer[];
  cookie: {
    secure: boolean;
    sameSite: 'Lax' | 'Strict';
    domain?: string;
    path: string;
    names: { access: string; refresh: string; transaction: string };
  };
  loginTimeoutSeconds: number;
  refreshCookieMaxAgeSeconds: number;
  trustedOrigins: string[];
  timeoutMs: number;
}

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,128}$/;
const COOKIE_PATH = /^\/[\x21-\x3a\x3c-\x7e]*$/; // printable, no ';'
const COOKIE_DOMAIN =
  /^\.?[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]{1,256}$/;
const CLIENT_ID = /^[\w+]{1,128}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const MIN_SECRET_BYTES = 32;
const OPTIONS = new Set([
  'domain',
  'redirectUri',
  'postLoginRedirect',
  'postLogoutRedirect',
  'signOutOfManagedLogin',
  'scopes',
  'clientId',
  'clientSecret',
  'cookie',
  'loginTimeoutSeconds',
  'refreshCookieMaxAgeSeconds',
  'csrf',
  'timeoutMs',
]);

/**
 * Checks the web login's options once, at boot, against CognitoModule's, and fails with one
 * message that names every problem (never a secret's value).
 */
export function resolveWebLoginOptions(
  options: CognitoWebLoginOptions | undefined,
  cognito: ResolvedCognitoOptions,
): ResolvedWebLoginOptions {
  const problems: string[] = [];
  const o = (options ?? {}) as Partial<CognitoWebLoginOptions>;
  for (const key of Object.keys(o)) if (!OPTIONS.has(key)) problems.push(`${key} is not an option`);
  const domain = webUrl(o.domain, 'domain', problems);
  if (domain && (domain.search || domain.hash)) problems.push('domain must have no query or fragment');
  const redirectUri = webUrl(o.redirectUri, 'redirectUri', problems);
  if (redirectUri?.hash) problems.push('redirectUri must have no fragment');
  const postLogoutRedirect =
    o.postLogoutRedirect === undefined
      ? redirectUri && new URL('/', redirectUri)
      : webUrl(o.postLogoutRedirect, 'postLogoutRedirect', problems);
  if (o.postLoginRedirect !== undefined && !isLocalPath(o.postLoginRedirect)) {
    problems.push('postLoginRedirect must be a path of this site, starting with a single /');
  }
  const clientId = o.clientId ?? cognito.clientId;
  if (typeof clientId !== 'string' || !CLIENT_ID.test(clientId))
    problems.push('clientId must be an app client id');
  const clientSecret = o.clientId !== undefined ? o.clientSecret : (o.clientSecret ?? cognito.clientSecret);
  if (clientSecret !== undefined && (typeof clientSecret !== 'string' || clientSecret.length === 0)) {
    problems.push('clientSecret, when given, must be a non-empty string');
  }
  const scopes = o.scopes ?? ['openid', 'email', 'profile'];
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string' && SCOPE.test(scope))) {
    problems.push('scopes must be a list of OAuth scopes');
  } else if (!scopes.includes('openid')) {
    problems.push('scopes must include openid: the ID token proves the login’s nonce');
  }
  flag(o.signOutOfManagedLogin, 'signOutOfManagedLogin', problems);
  const cookie = resolveCookies(o.cookie, cognito.tokenCookie, problems);
  const keys = sealingKeys(o.cookie?.secret, problems);
  const loginTimeoutSeconds = integer(o.loginTimeoutSeconds, 'loginTimeoutSeconds', 60, 3600, 600, problems);
  const refreshCookieMaxAgeSeconds = integer(
    o.refreshCookieMaxAgeSeconds,
    'refreshCookieMaxAgeSeconds',
    3600,
    3650 * 86_400,
    30 * 86_400,
    problems,
  );
  const timeoutMs = integer(o.timeoutMs, 'timeoutMs', 100, 60_000, 5000, problems);
  const trustedOrigins = origins(o.csrf?.trustedOrigins, problems);
  if (problems.length > 0) {
    throw new Error(`Invalid CognitoWebLoginModule options:\n  - ${problems.join('\n  - ')}`);
  }
  const base = domain!.href.replace(/\/+$/, '');
  return {
    userPoolId: cognito.userPoolId,
    jwksMinRefetchIntervalMs: cognito.verification.jwks.minRefetchIntervalSeconds * 1000,
    clientId,
    ...(clientSecret ? { clientSecret } : {}),
    endpoints: {
      authorize: `${base}/oauth2/authorize`,
      token: `${base}/oauth2/token`,
      revoke: `${base}/oauth2/revoke`,
      logout: `${base}/logout`,
    },
    redirectUri: redirectUri!.href,
    postLoginRedirect: o.postLoginRedirect ?? '/',
    postLogoutRedirect: postLogoutRedirect!.href,
    signOutOfManagedLogin: o.signOutOfManagedLogin ?? true,
    scopes,
    keys,
    cookie: cookie!,
    loginTimeoutSeconds,
    refreshCookieMaxAgeSeconds,
    trustedOrigins,
    timeoutMs,
  };
}

/**
 * Whether `path` is a path of this site that a redirect may go to: one leading `/` (not `//` nor
 * `/\`, which browsers read as another host), printable ASCII without backslashes, at most 2048
 * characters, and still on the same origin once resolved.
 */
export function isLocalPath(path: unknown): path is string {
  if (typeof path !== 'string' || path.length === 0 || path.length > 2048) return false;
  if (!/^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/.test(path)) return false;
  try {
    return new URL(path, 'https://origin.invalid').origin === 'https://origin.invalid';
  } catch {
    return false;
  }
}

function webUrl(value: unknown, name: string, problems: string[]): URL | undefined {
  if (value === undefined) {
    problems.push(`${name} is required`);
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    problems.push(`${name} must be an absolute URL`);
    return undefined;
  }
  if (url.username || url.password) {
    problems.push(`${name} must carry no credentials`);
    return undefined;
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return url;
  problems.push(`${name} must be an https URL (http only on localhost / 127.0.0.1 / [::1])`);
  return undefined;
}

function resolveCookies(
  cookie: WebLoginCookieOptions | undefined,
  accessName: string | undefined,
  problems: string[],
): ResolvedWebLoginOptions['cookie'] | undefined {
  if (typeof cookie !== 'object' || cookie === null) {
    problems.push('cookie is required, with at least cookie.secret');
    return undefined;
  }
  const secure = flag(cookie.secure, 'cookie.secure', problems) ?? true;
  if (cookie.sameSite !== undefined && cookie.sameSite !== 'lax' && cookie.sameSite !== 'strict') {
    problems.push('cookie.sameSite must be lax or strict (none would send the session cookies cross-site)');
  }
  if (cookie.domain !== undefined && !COOKIE_DOMAIN.test(String(cookie.domain))) {
    problems.push('cookie.domain must be a host name');
  }
  const path = cookie.path ?? '/';
  if (!COOKIE_PATH.test(String(path))) problems.push('cookie.path must be a path starting with /');
  const prefix = !secure ? '' : cookie.domain === undefined && path === '/' ? '__Host-' : '__Secure-';
  const names = {
    access: accessName ?? '',
    refresh: cookie.names?.refresh ?? `${prefix}cognito-refresh`,
    transaction: cookie.names?.transaction ?? `${prefix}cognito-login`,
  };
  if (!accessName) {
    problems.push(
      'CognitoModule has no tokenCookie: set it to the access token cookie’s name (e.g. "__Host-cognito-access"), the cookie the guard reads',
    );
  }
  for (const [which, name] of Object.entries(names)) {
    if (which === 'access' && !accessName) continue;
    const label = which === 'access' ? 'CognitoModule tokenCookie' : `cookie.names.${which}`;
    if (!COOKIE_NAME.test(String(name))) problems.push(`${label} must be a cookie name`);
    else if (name.startsWith('__Host-') && (!secure || path !== '/' || cookie.domain !== undefined)) {
      problems.push(`${label} "${name}": a __Host- cookie needs secure, path / and no domain`);
    } else if (name.startsWith('__Secure-') && !secure) {
      problems.push(`${label} "${name}": a __Secure- cookie needs secure`);
    }
  }
  if (new Set(Object.values(names)).size !== 3) problems.push('the three cookie names must differ');
  return {
    secure,
    sameSite: cookie.sameSite === 'strict' ? 'Strict' : 'Lax',
    ...(cookie.domain !== undefined ? { domain: cookie.domain } : {}),
    path,
    names,
  };
}

/** One AES-256 key per secret, derived with HKDF so that a passphrase-like secret still gives a full key. */
function sealingKeys(secret: unknown, problems: string[]): Buffer[] {
  const secrets = Array.isArray(secret) ? secret : [secret];
  if (
    secrets.length === 0 ||
    !secrets.every((s) => typeof s === 'string' && Buffer.byteLength(s) >= MIN_SECRET_BYTES)
  ) {
    problems.push(`cookie.secret must be a string of at least ${MIN_SECRET_BYTES} bytes (or a list of them)`);
    return [];
  }
  return (secrets as string[]).map((s) =>
    Buffer.from(hkdfSync('sha256', s, '', 'nest-cognito web-login transaction v1', 32)),
  );
}

function flag(value: unknown, name: string, problems: string[]): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') problems.push(`${name} must be true or false`);
  return typeof value === 'boolean' ? value : undefined;
}

function integer(
  value: unknown,
  name: string,
  min: number,
  max: number,
  fallback: number,
  problems: string[],
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}`);
    return fallback;
  }
  return value;
}

function origins(value: unknown, problems: string[]): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? (value as unknown[]) : [];
  const parsed = list.map((entry) => {
    try {
      const url = new URL(String(entry));
      return url.origin === entry && url.origin !== 'null' ? url.origin : undefined;
    } catch {
      return undefined;
    }
  });
  if (!Array.isArray(value) || parsed.some((entry) => entry === undefined)) {
    problems.push('csrf.trustedOrigins must be a list of origins (scheme://host[:port], no path)');
    return [];
  }
  return parsed as string[];
}
