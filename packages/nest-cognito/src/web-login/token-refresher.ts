import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type OAuthTokens, refreshTokens } from './oauth-endpoints.js';
import { WEB_LOGIN_OPTIONS } from './web-login.constants.js';
import type { ResolvedWebLoginOptions } from './web-login.options.js';

/** A refresh's outcome: new tokens, a refresh token Cognito no longer accepts, or no answer to use. */
export type RefreshOutcome = { tokens: OAuthTokens } | { rejected: true } | { unavailable: true };

/**
 * How long new tokens answer later requests with the same refresh token: a page's requests that
 * left before its first answer brought the new cookies back still carry the old ones.
 */
const REUSE_MS = 10_000;
/** The most refreshes remembered at once (the oldest are forgotten first). */
const MAX_REMEMBERED = 1000;

/**
 * Refreshes a session's tokens at Cognito's token endpoint once per refresh token: a page that
 * fires ten requests as its access token expires costs one refresh, and every one of the ten gets
 * the same new tokens (those in flight share the call, later ones get its tokens for a few seconds).
 * Keyed by a hash of the refresh token, never the token itself.
 */
@Injectable()
export class WebLoginTokenRefresher {
  private readonly logger = new Logger('CognitoWebLogin');
  private readonly refreshes = new Map<string, { outcome: Promise<RefreshOutcome>; until: number }>();

  constructor(@Inject(WEB_LOGIN_OPTIONS) private readonly options: ResolvedWebLoginOptions) {}

  refresh(refreshToken: string, now = Date.now()): Promise<RefreshOutcome> {
    const key = createHash('sha256').update(refreshToken).digest('base64url');
    const known = this.refreshes.get(key);
    if (known && known.until > now) return known.outcome;
    this.forget(now);
    const entry = { outcome: this.call(refreshToken), until: Number.POSITIVE_INFINITY };
    this.refreshes.set(key, entry);
    void entry.outcome.then((outcome) => {
      // Only new tokens are worth repeating; a failure is asked again next time.
      if ('tokens' in outcome) entry.until = Date.now() + REUSE_MS;
      else this.refreshes.delete(key);
    });
    return entry.outcome;
  }

  private forget(now: number): void {
    for (const [key, entry] of this.refreshes) if (entry.until <= now) this.refreshes.delete(key);
    while (this.refreshes.size >= MAX_REMEMBERED) this.refreshes.delete(this.refreshes.keys().next().value!);
  }

  private async call(refreshToken: string): Promise<RefreshOutcome> {
    const answer = await refreshTokens(this.options, refreshToken);
    if ('tokens' in answer) return { tokens: answer.tokens };
    if (answer.error === 'invalid_grant') return { rejected: true };
    // The server's problem (Cognito out of reach, the client misconfigured), not the session's:
    // the cookies stay. Logged with Cognito's error code only, never the token.
    const reason = /^[a-z_]{1,40}$/.test(answer.error) ? answer.error : 'unknown error';
    this.logger.warn(
      `Refreshing a web session failed: ${reason === 'unavailable' ? 'Cognito unreachable' : reason}`,
    );
    return { unavailable: true };
  }
}
