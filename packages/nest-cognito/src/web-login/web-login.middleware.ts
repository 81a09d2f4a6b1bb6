import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { readClaims } from '../tokens/token-claims.js';
import {
  appendSetCookies,
  type CookieRequest,
  type CookieResponse,
  parseCookies,
  replaceRequestCookies,
} from './cookies.js';
import { isCrossOrigin, isSafeMethod } from './csrf.js';
import { clearedSessionCookies, sessionCookies } from './session-cookies.js';
import { WebLoginTokenRefresher } from './token-refresher.js';
import { WEB_LOGIN_OPTIONS } from './web-login.constants.js';
import { WebLoginException } from './web-login.errors.js';
import type { ResolvedWebLoginOptions } from './web-login.options.js';

/** An access token this close to its expiry is refreshed first, so that it cannot expire before the guard reads it. */
const REFRESH_MARGIN_MS = 30_000;

/**
 * Runs before the guards on every request that carries the web session's cookies (and no
 * `Authorization` header, whose caller is not cookie-authenticated):
 * 1. an unsafe method (POST, PUT, PATCH, DELETE) from another origin is refused, 403 `CSRF_REJECTED`;
 * 2. an access token that is absent or about to expire is refreshed with the refresh cookie (once
 *    per refresh token at a time): the new cookies go on the response and replace the old ones in
 *    the request, so the guard verifies the new token. A refresh token Cognito refuses clears both
 *    cookies (the guard then answers 401); when Cognito cannot be reached they stay.
 */
@Injectable()
export class WebLoginMiddleware implements NestMiddleware<CookieRequest, CookieResponse> {
  constructor(
    @Inject(WEB_LOGIN_OPTIONS) private readonly options: ResolvedWebLoginOptions,
    private readonly refresher: WebLoginTokenRefresher,
  ) {}

  async use(
    request: CookieRequest,
    response: CookieResponse,
    next: (error?: unknown) => void,
  ): Promise<void> {
    if (request.headers.authorization !== undefined) return next();
    const { access: accessName, refresh: refreshName } = this.options.cookie.names;
    const cookies = parseCookies(request.headers.cookie);
    const access = cookies.get(accessName);
    const refresh = cookies.get(refreshName);
    if (access === undefined && refresh === undefined) return next();
    if (!isSafeMethod(request.method) && isCrossOrigin(request.headers, this.options.trustedOrigins)) {
      throw new WebLoginException('CSRF_REJECTED');
    }
    if (refresh === undefined || !expiresSoon(access, Date.now())) return next();
    const outcome = await this.refresher.refresh(refresh);
    if ('tokens' in outcome) {
      appendSetCookies(response, sessionCookies(this.options, outcome.tokens));
      replaceRequestCookies(request, {
        [accessName]: outcome.tokens.accessToken,
        ...(outcome.tokens.refreshToken ? { [refreshName]: outcome.tokens.refreshToken } : {}),
      });
    } else if ('rejected' in outcome) {
      appendSetCookies(response, clearedSessionCookies(this.options));
      replaceRequestCookies(request, { [accessName]: undefined, [refreshName]: undefined });
    }
    next();
  }
}

/** Whether an access token cookie is missing, unreadable, or expires within the margin (its claims are read, not verified). */
export function expiresSoon(accessToken: string | undefined, now: number): boolean {
  if (accessToken === undefined) return true;
  const { exp } = readClaims(accessToken);
  return typeof exp !== 'number' || exp * 1000 - now < REFRESH_MARGIN_MS;
}
