/**
 * An error of the OAuth 2.0 endpoints, answered as AWS answers it: RFC 6749's JSON body
 * `{"error":"<code>"}`, HTTP 400 unless said, with any headers the endpoint adds
 * (`WWW-Authenticate` at userInfo).
 */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly status = 400,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(error);
    this.name = 'OAuthError';
  }
}

export const invalidRequest = () => new OAuthError('invalid_request');
export const invalidGrant = () => new OAuthError('invalid_grant');
export const unauthorizedClient = () => new OAuthError('unauthorized_client');
export const invalidScope = () => new OAuthError('invalid_scope');
export const unsupportedGrantType = () => new OAuthError('unsupported_grant_type');
