import { CognitoClientCredentialsError } from './client-credentials.error.js';
import { fetchJson } from './http.js';

/** A token the endpoint issued, as read from its answer. */
export interface IssuedToken {
  accessToken: string;
  /** Lifetime in seconds, from `expires_in`. */
  expiresIn: number;
}

export interface TokenRequest {
  tokenEndpoint: string;
  /** The `Authorization: Basic ...` value (client_secret_basic). */
  authorization: string;
  scopes?: string[];
  timeoutMs: number;
  /** Removed from any text of the answer that reaches a message, should the endpoint echo it. */
  secret: string;
}

const OAUTH_ERROR = /^[\x20\x21\x23-\x5B\x5D-\x7E]{1,64}$/;

/**
 * `client_secret_basic` credentials as RFC 6749 (2.3.1) builds them: the id and the secret each
 * form-encoded, joined by a colon, in Base64.
 */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`;
}

/** `POST <token endpoint>` with `grant_type=client_credentials`; the token, or the OAuth error. */
export async function requestToken(request: TokenRequest): Promise<IssuedToken> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (request.scopes) form.set('scope', request.scopes.join(' '));
  const url = request.tokenEndpoint;
  const { status, body } = await fetchJson(
    url,
    {
      method: 'POST',
      headers: {
        authorization: request.authorization,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: form.toString(),
    },
    request.timeoutMs,
    'Token endpoint',
  );
  const answer = (body ?? {}) as Record<string, unknown>;
  if (status !== 200) {
    const code =
      typeof answer.error === 'string' && OAUTH_ERROR.test(answer.error) ? answer.error : undefined;
    if (!code) {
      throw new CognitoClientCredentialsError(
        'invalid_response',
        `Token endpoint ${url} answered status ${status} without an OAuth error`,
        status,
      );
    }
    const description =
      typeof answer.error_description === 'string'
        ? `: ${printable(redact(answer.error_description, request)).slice(0, 200)}`
        : '';
    throw new CognitoClientCredentialsError(
      code,
      `Token endpoint ${url} answered ${status} ${code}${description}`,
      status,
    );
  }
  const { access_token: accessToken, expires_in: expiresIn, token_type: tokenType } = answer;
  if (
    typeof accessToken !== 'string' ||
    accessToken.split('.').length !== 3 ||
    typeof expiresIn !== 'number' ||
    !Number.isFinite(expiresIn) ||
    expiresIn <= 0 ||
    (typeof tokenType === 'string' && tokenType.toLowerCase() !== 'bearer')
  ) {
    throw new CognitoClientCredentialsError(
      'invalid_response',
      `Token endpoint ${url} answered 200 without a bearer access token and its expires_in`,
      status,
    );
  }
  return { accessToken, expiresIn };
}

/**
 * The text without the secret, as given, form-encoded or inside the Basic credentials, should the
 * endpoint echo any of them. Done before any cut, so that no part of a secret is left at the end.
 */
function redact(text: string, request: TokenRequest): string {
  const echoes = [request.secret, encodeURIComponent(request.secret), request.authorization.slice(6)];
  return echoes.reduce((out, echo) => (echo ? out.split(echo).join('[secret]') : out), text);
}

/** Control and format characters (line breaks, escapes, bidi overrides) as spaces: no forged log lines. */
const printable = (text: string) => text.replace(/[\p{Cc}\p{Cf}]/gu, ' ');
