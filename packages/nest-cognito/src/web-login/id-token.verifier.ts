import { Inject, Injectable, Optional } from '@nestjs/common';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { COGNITO_JWKS_FETCHER } from '../cognito.constants.js';
import { CognitoJwksCache } from '../tokens/jwks-cache.js';
import type { JwksFetcher } from '../tokens/jwks-fetch.js';
import { sameValue } from './transaction.js';
import { WEB_LOGIN_OPTIONS } from './web-login.constants.js';
import type { ResolvedWebLoginOptions } from './web-login.options.js';

/**
 * Verifies the ID token of a login's answer with `aws-jwt-verify` (signature against the pool's
 * JWKS, issuer, `token_use` id, audience the app client, expiry) and that its `nonce` is the one
 * this login sent: an answer replayed from another login cannot be accepted.
 */
@Injectable()
export class IdTokenVerifier {
  private readonly verify: (idToken: string) => Promise<Record<string, unknown>>;

  constructor(
    @Inject(WEB_LOGIN_OPTIONS) options: ResolvedWebLoginOptions,
    // Optional here so that a missing CognitoModule is reported by the options' own check.
    @Optional() @Inject(COGNITO_JWKS_FETCHER) fetchJwks?: JwksFetcher,
  ) {
    const jwksCache = new CognitoJwksCache({
      // Always there: without CognitoModule the options' check has already stopped the boot.
      fetch: fetchJwks ?? (() => Promise.reject(new Error('CognitoModule provides no JWKS fetcher'))),
      minRefetchIntervalMs: options.jwksMinRefetchIntervalMs,
    });
    const verifier = CognitoJwtVerifier.create(
      { userPoolId: options.userPoolId, tokenUse: 'id', clientId: options.clientId },
      { jwksCache },
    );
    this.verify = (idToken) => verifier.verify(idToken);
  }

  /** Whether the ID token verifies and carries this nonce. */
  async matches(idToken: string, nonce: string): Promise<boolean> {
    try {
      const claims = await this.verify(idToken);
      return typeof claims.nonce === 'string' && sameValue(claims.nonce, nonce);
    } catch {
      return false;
    }
  }
}
