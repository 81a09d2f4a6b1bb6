import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import {
  JwksNotAvailableInCacheError,
  JwtInvalidClaimError,
  KidNotFoundInJwksError,
} from 'aws-jwt-verify/error';
import { COGNITO_JWKS_FETCHER, COGNITO_OPTIONS } from '../cognito.constants.js';
import type { ResolvedCognitoOptions, ResolvedTrustedPool } from '../cognito.options.js';
import { type CognitoUser, DEFAULT_POOL, type TokenOrigin, userFromClaims } from './cognito-user.js';
import { CognitoJwksCache } from './jwks-cache.js';
import { type JwksFetcher, jwksFetcher } from './jwks-fetch.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

/** A token without `exp`: Cognito always sets it, so a token without one was not made by Cognito. */
export class JwtMissingExpError extends JwtInvalidClaimError {}

/**
 * Verifies Cognito tokens with `aws-jwt-verify`: RS256 signature against the pool's JWKS, issuer
 * (the main pools and the trusted ones), `token_use` and client ids (those of the token's pool),
 * `exp` (required) and `nbf`, with the configured grace. The user says which pool it came from;
 * whether a route accepts that pool is the guard's concern (`@CognitoPools()`). Tokens already verified are answered from a bounded cache until their `exp`.
 * The JWKS is loaded at start-up (with retries; the app starts without it and recovers), fetched
 * again for an unknown `kid` at most every `minRefetchIntervalSeconds`, and refreshed periodically;
 * a change of keys empties the token cache.
 */
@Injectable()
export class CognitoTokenVerifier implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CognitoTokenVerifier');
  readonly jwks: CognitoJwksCache;
  readonly cache: VerifiedTokenCache<CognitoUser>;
  private readonly verifier: {
    verify(token: string): Promise<Record<string, unknown>>;
    verifySync(token: string): Record<string, unknown>;
  };
  private readonly jwksUris: string[];
  /** The pool (name and id) of each accepted issuer. */
  private readonly origins: Map<string, TokenOrigin>;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(
    @Inject(COGNITO_OPTIONS) private readonly options: ResolvedCognitoOptions,
    @Optional() @Inject(COGNITO_JWKS_FETCHER) fetchJwks?: JwksFetcher,
  ) {
    const v = options.verification;
    this.jwks = new CognitoJwksCache({
      fetch: fetchJwks ?? jwksFetcher(options.endpoint, v.jwks.timeoutMs),
      minRefetchIntervalMs: v.jwks.minRefetchIntervalSeconds * 1000,
    });
    this.cache = new VerifiedTokenCache(v.cache.maxEntries, v.cache.maxTtlSeconds * 1000, v.graceSeconds);
    this.jwks.onKeysChanged(() => this.cache.clear());
    const requireExp = ({ payload }: { payload: { exp?: unknown } }) => {
      if (typeof payload.exp !== 'number')
        throw new JwtMissingExpError('JWT has no exp claim', payload.exp as never);
    };
    const trusted = trustedPoolsOf(options);
    const pools = trusted.map((pool) => ({
      userPoolId: pool.userPoolId,
      tokenUse: pool.tokenUse === 'any' ? null : pool.tokenUse,
      clientId: pool.clientIds,
      graceSeconds: v.graceSeconds,
      customJwtCheck: requireExp,
    }));
    const [first, ...more] = pools;
    this.verifier = (
      more.length === 0
        ? CognitoJwtVerifier.create(first!, { jwksCache: this.jwks })
        : CognitoJwtVerifier.create([first!, ...more], { jwksCache: this.jwks })
    ) as never;
    this.origins = new Map(
      trusted.map(({ name, userPoolId }) => [issuerOf(userPoolId), { pool: name, userPoolId }]),
    );
    this.jwksUris = trusted.map(({ userPoolId }) => `${issuerOf(userPoolId)}/.well-known/jwks.json`);
  }

  /** The caller a token proves, or a rejection (an `aws-jwt-verify` error) when it proves nothing. */
  async verify(token: string): Promise<CognitoUser> {
    const cached = this.cache.get(token);
    if (cached) return cached;
    let claims: Record<string, unknown>;
    try {
      // The JWKS is almost always cached: verify without a promise round; fetch only when needed.
      claims = this.verifier.verifySync(token);
    } catch (error) {
      if (!(error instanceof JwksNotAvailableInCacheError || error instanceof KidNotFoundInJwksError))
        throw error;
      claims = await this.verifier.verify(token);
    }
    // aws-jwt-verify accepted the issuer, so it is one of the configured pools.
    const user = userFromClaims(claims, this.origins.get(String(claims.iss))!);
    this.cache.set(token, user, claims.exp as number);
    return user;
  }

  /** Loads the JWKS (a few attempts; never fails start-up), then keeps it fresh. */
  async onApplicationBootstrap(): Promise<void> {
    const { bootAttempts, refreshIntervalSeconds } = this.options.verification.jwks;
    await Promise.all(this.jwksUris.map((uri) => this.load(uri, bootAttempts)));
    if (refreshIntervalSeconds > 0) {
      const timer = setInterval(() => {
        for (const uri of this.jwksUris) this.jwks.refresh(uri).catch(() => undefined);
      }, refreshIntervalSeconds * 1000);
      timer.unref();
      this.timers.push(timer);
    }
  }

  onModuleDestroy(): void {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  private async load(uri: string, attempts: number): Promise<void> {
    for (let attempt = 1; attempt <= attempts && !this.stopped; attempt++) {
      try {
        await this.jwks.refresh(uri);
        return;
      } catch {
        if (attempt === attempts) break;
        // Not unref'ed: start-up awaits this pause, and nothing else may hold the process yet.
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
    if (this.stopped) return;
    // Start without it: tokens are refused until a later fetch (unknown kid, or the retry below) succeeds.
    this.logger.warn(
      `JWKS not loaded at start-up (${this.jwks.lastError(uri)?.message ?? uri}); retrying in the background`,
    );
    const retry = setInterval(
      () => {
        if (this.jwks.has(uri)) return clearInterval(retry);
        this.jwks.refresh(uri).then(
          () => clearInterval(retry),
          () => undefined,
        );
      },
      Math.max(1000, this.options.verification.jwks.minRefetchIntervalSeconds * 1000),
    );
    retry.unref();
    this.timers.push(retry);
  }
}

/** `https://cognito-idp.<region>.amazonaws.com/<poolId>`, the `iss` of a pool's tokens. */
const issuerOf = (userPoolId: string) =>
  `https://cognito-idp.${userPoolId.split('_')[0]}.amazonaws.com/${userPoolId}`;

/** Every pool whose tokens verify: the main pools (`'default'`) and the trusted ones. */
function trustedPoolsOf(options: ResolvedCognitoOptions): ResolvedTrustedPool[] {
  const v = options.verification;
  const main = v.userPoolIds.map((userPoolId) => ({
    name: DEFAULT_POOL,
    userPoolId,
    clientIds: v.clientIds,
    tokenUse: v.tokenUse,
  }));
  return [...main, ...(options.trustedPools ?? [])];
}
