import { randomUUID } from 'node:crypto';

/** How long an authorization code is good for: five minutes, as on AWS. */
export const CODE_LIFETIME_MS = 5 * 60_000;

/** What an authorization code stands for until it is redeemed at the token endpoint. */
export interface AuthorizationGrant {
  poolId: string;
  clientId: string;
  username: string;
  /** The `redirect_uri` of the authorization request: the token request must name the same. */
  redirectUri: string;
  scopes: readonly string[];
  nonce?: string | undefined;
  /** The PKCE challenge (S256) of the authorization request, if it had one. */
  codeChallenge?: string | undefined;
  /** When the user signed in, in epoch seconds (the tokens' `auth_time`). */
  authTime: number;
}

/**
 * Authorization codes, held in memory like challenge sessions: short-lived, single process. A code
 * is single-use: `take` removes it synchronously, so that of concurrent token requests with one
 * code exactly one gets it.
 */
export class AuthorizationCodes {
  private readonly codes = new Map<string, AuthorizationGrant & { expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  issue(grant: AuthorizationGrant): string {
    this.sweep();
    const code = randomUUID();
    this.codes.set(code, { ...grant, expiresAt: this.now() + CODE_LIFETIME_MS });
    return code;
  }

  /** The grant of a live code, spent by this call; undefined for an unknown, used or expired code. */
  take(code: string): AuthorizationGrant | undefined {
    const grant = this.codes.get(code);
    if (!grant) return undefined;
    this.codes.delete(code);
    return grant.expiresAt > this.now() ? grant : undefined;
  }

  private sweep(): void {
    const now = this.now();
    for (const [code, grant] of this.codes) if (grant.expiresAt <= now) this.codes.delete(code);
  }
}
