import { type CookieAttributes, serializeCookie } from './cookies.js';
import type { OAuthTokens } from './oauth-endpoints.js';
import type { ResolvedWebLoginOptions } from './web-login.options.js';

/*
 * The Set-Cookie values of the web login, in one place: every cookie is HttpOnly, Secure (unless
 * turned off for plain-HTTP development) and SameSite, under the configured path and domain.
 */

type Options = Pick<ResolvedWebLoginOptions, 'cookie' | 'loginTimeoutSeconds' | 'refreshCookieMaxAgeSeconds'>;

const attributes = (
  options: Options,
  maxAge: number,
  sameSite = options.cookie.sameSite,
): CookieAttributes => ({
  path: options.cookie.path,
  ...(options.cookie.domain ? { domain: options.cookie.domain } : {}),
  secure: options.cookie.secure,
  sameSite,
  maxAge,
});

/**
 * The session's cookies for new tokens: the access token for as long as it lives (the browser
 * drops it when it expires, which is when the refresh middleware steps in), and the refresh token
 * when the answer carries one (a refresh without rotation keeps the cookie the browser has).
 */
export function sessionCookies(options: Options, tokens: OAuthTokens): string[] {
  const { access, refresh } = options.cookie.names;
  const cookies = [serializeCookie(access, tokens.accessToken, attributes(options, tokens.expiresIn))];
  if (tokens.refreshToken) {
    cookies.push(
      serializeCookie(refresh, tokens.refreshToken, attributes(options, options.refreshCookieMaxAgeSeconds)),
    );
  }
  return cookies;
}

/** Deletes both session cookies. */
export function clearedSessionCookies(options: Options): string[] {
  const { access, refresh } = options.cookie.names;
  return [
    serializeCookie(access, '', attributes(options, 0)),
    serializeCookie(refresh, '', attributes(options, 0)),
  ];
}

/**
 * The sealed login transaction, for the time a login may take. Always SameSite=Lax: Cognito's
 * redirect back to the callback is a top-level cross-site navigation, which Lax lets through.
 */
export function transactionCookie(options: Options, sealed: string): string {
  return serializeCookie(
    options.cookie.names.transaction,
    sealed,
    attributes(options, options.loginTimeoutSeconds, 'Lax'),
  );
}

/** Deletes the login transaction cookie: a transaction serves one callback. */
export function clearedTransactionCookie(options: Options): string {
  return serializeCookie(options.cookie.names.transaction, '', attributes(options, 0, 'Lax'));
}
