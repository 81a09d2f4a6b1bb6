import {
  JwksNotAvailableInCacheError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  WaitPeriodNotYetEndedJwkError,
} from 'aws-jwt-verify/error';
import { findJwkInJwks, type Jwks, type JwksCache, type JwkWithKid } from 'aws-jwt-verify/jwk';
import type { DecomposedJwt } from 'aws-jwt-verify/jwt';

export interface JwksCacheOptions {
  /** Fetches and validates one JWKS. */
  fetch: (jwksUri: string) => Promise<Jwks>;
  /** The least time between two fetches of one JWKS for an unknown `kid` (failed fetches count). */
  minRefetchIntervalMs: number;
  now?: () => number;
}

/**
 * The JWKS of the pools, for `aws-jwt-verify`. A token whose `kid` is not in the cached JWKS
 * triggers a refetch, at most once per `minRefetchIntervalMs` per JWKS whether the last fetch
 * succeeded or failed, with concurrent requests sharing one fetch: a flood of tokens with random
 * `kid`s costs a bounded number of fetches. Listeners hear when a JWKS's keys change.
 */
export class CognitoJwksCache implements JwksCache {
  private readonly jwks = new Map<string, Jwks>();
  private readonly lastAttempt = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<Jwks>>();
  private readonly failures = new Map<string, Error>();
  private readonly listeners: (() => void)[] = [];
  private readonly now: () => number;
  /** Fetches started, for observation. */
  fetches = 0;

  constructor(private readonly options: JwksCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Calls `listener` whenever a JWKS is replaced by one with other keys. */
  onKeysChanged(listener: () => void): void {
    this.listeners.push(listener);
  }

  has(jwksUri: string): boolean {
    return this.jwks.has(jwksUri);
  }

  /**
   * Why the last fetch of a JWKS failed (the fetcher's error names the URL really fetched), or
   * `undefined` when the last fetch succeeded or none was made.
   */
  lastError(jwksUri: string): Error | undefined {
    return this.failures.get(jwksUri);
  }

  getCachedJwk(jwksUri: string, decomposedJwt: DecomposedJwt): JwkWithKid {
    const kid = kidOf(decomposedJwt);
    const jwks = this.jwks.get(jwksUri);
    if (!jwks) throw new JwksNotAvailableInCacheError(`JWKS not yet available in cache for ${jwksUri}`);
    const jwk = findJwkInJwks(jwks, kid);
    if (!jwk) throw new KidNotFoundInJwksError(`JWK for kid ${kid} not found in the JWKS`);
    return jwk;
  }

  async getJwk(jwksUri: string, decomposedJwt: DecomposedJwt): Promise<JwkWithKid> {
    const kid = kidOf(decomposedJwt);
    const cached = this.jwks.get(jwksUri);
    const known = cached && findJwkInJwks(cached, kid);
    if (known) return known;
    if (!this.inFlight.has(jwksUri) && !this.mayFetch(jwksUri)) {
      throw new WaitPeriodNotYetEndedJwkError(`Not refetching the JWKS for unknown kid ${kid} yet`);
    }
    const jwk = findJwkInJwks(await this.refresh(jwksUri), kid);
    if (!jwk) throw new KidNotFoundInJwksError(`JWK for kid ${kid} not found in the JWKS`);
    return jwk;
  }

  addJwks(jwksUri: string, jwks: Jwks): void {
    const previous = this.jwks.get(jwksUri);
    this.jwks.set(jwksUri, jwks);
    if (previous && keyIds(previous) !== keyIds(jwks)) for (const listener of this.listeners) listener();
  }

  getJwks(jwksUri: string): Promise<Jwks> {
    return this.refresh(jwksUri);
  }

  /** Fetches a JWKS now (joining a fetch under way) and caches it. */
  refresh(jwksUri: string): Promise<Jwks> {
    const running = this.inFlight.get(jwksUri);
    if (running) return running;
    this.lastAttempt.set(jwksUri, this.now());
    this.fetches++;
    const fetching = this.options
      .fetch(jwksUri)
      .then(
        (jwks) => {
          this.failures.delete(jwksUri);
          this.addJwks(jwksUri, jwks);
          return jwks;
        },
        (error: unknown) => {
          this.failures.set(jwksUri, error instanceof Error ? error : new Error(String(error)));
          throw error;
        },
      )
      .finally(() => this.inFlight.delete(jwksUri));
    this.inFlight.set(jwksUri, fetching);
    return fetching;
  }

  private mayFetch(jwksUri: string): boolean {
    const last = this.lastAttempt.get(jwksUri);
    return last === undefined || this.now() - last >= this.options.minRefetchIntervalMs;
  }
}

function kidOf(decomposedJwt: DecomposedJwt): string {
  const kid = decomposedJwt.header.kid;
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > 256) {
    throw new JwtWithoutValidKidError('JWT header does not have a valid kid claim');
  }
  return kid;
}

const keyIds = (jwks: Jwks) =>
  jwks.keys
    .map((k) => `${String(k.kid)}:${String(k.n ?? k.x ?? '')}`)
    .sort()
    .join(',');
