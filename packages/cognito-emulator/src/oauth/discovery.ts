import { issuerOf } from '../services/tokens.js';

/**
 * A pool's OpenID Connect discovery document: AWS's issuer (tokens verify as AWS's), the emulator's
 * own URLs for the keys and the OAuth 2.0 endpoints (served on the emulator's port, at the paths
 * AWS serves on a pool's domain).
 */
export function openIdConfiguration(base: string, poolId: string, hasDomain: boolean) {
  // A pool without a domain has no OAuth 2.0 endpoints to list.
  const endpoints = hasDomain
    ? {
        authorization_endpoint: `${base}/oauth2/authorize`,
        end_session_endpoint: `${base}/logout`,
        revocation_endpoint: `${base}/oauth2/revoke`,
        token_endpoint: `${base}/oauth2/token`,
        userinfo_endpoint: `${base}/oauth2/userInfo`,
        code_challenge_methods_supported: ['S256'],
        grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      }
    : {};
  return {
    ...endpoints,
    id_token_signing_alg_values_supported: ['RS256'],
    issuer: issuerOf(poolId),
    jwks_uri: `${base}/${poolId}/.well-known/jwks.json`,
    response_types_supported: ['code', 'token'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
    subject_types_supported: ['public'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    claims_supported: [
      'aud',
      'auth_time',
      'cognito:username',
      'email',
      'email_verified',
      'exp',
      'iat',
      'iss',
      'nonce',
      'sub',
      'token_use',
    ],
  };
}
