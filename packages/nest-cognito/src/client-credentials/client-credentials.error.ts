/**
 * Why no client-credentials token could be had. `code` is the OAuth 2.0 error the token endpoint
 * answered (`invalid_client`, `invalid_scope`, `unauthorized_client`, `invalid_grant`,
 * `invalid_request`, ...) or one of this library's for what happened before or around it:
 * - `discovery_failed`: the pool's OpenID configuration could not be read or names no token endpoint;
 * - `request_failed`: no answer (network error, time-out);
 * - `invalid_response`: an answer that is not a token nor an OAuth error;
 * - `not_configured`: `CognitoModule` was given no `clientCredentials`.
 * The message names the URL and the status, never the client secret nor a token.
 */
export class CognitoClientCredentialsError extends Error {
  override readonly name = 'CognitoClientCredentialsError';

  constructor(
    readonly code: string,
    message: string,
    /** The HTTP status of the answer, when there was one. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
