import { Inject, Injectable } from '@nestjs/common';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { COGNITO_OPTIONS } from '../cognito.constants.js';
import type { ResolvedCognitoOptions } from '../cognito.options.js';
import { type CognitoUser, userFromClaims } from './cognito-user.js';
import { EndpointJwksFetcher } from './endpoint-jwks-fetcher.js';

/**
 * Verifies Cognito access tokens with `aws-jwt-verify`: signature against the pool's JWKS (from
 * the endpoint override when one is set), issuer, `token_use`, client id and expiry.
 */
@Injectable()
export class CognitoTokenVerifier {
  private readonly verifier;

  constructor(@Inject(COGNITO_OPTIONS) options: ResolvedCognitoOptions) {
    const props = { userPoolId: options.userPoolId, tokenUse: 'access' as const, clientId: options.clientId };
    this.verifier = options.endpoint
      ? CognitoJwtVerifier.create(props, {
          jwksCache: new SimpleJwksCache({ fetcher: new EndpointJwksFetcher(options.endpoint) }),
        })
      : CognitoJwtVerifier.create(props);
  }

  /** The caller a token proves, or a rejection (an `aws-jwt-verify` error) when it proves nothing. */
  async verify(token: string): Promise<CognitoUser> {
    const claims = await this.verifier.verify(token);
    return userFromClaims(claims as unknown as Record<string, unknown>);
  }
}
