import type { ResolvedWebLoginOptions } from './web-login.options.js';

/*
 * Calls to the user pool domain's OAuth endpoints (Cognito's /oauth2/token and /oauth2/revoke),
 * with the app client's secret, when it has one, as HTTP Basic credentials as Cognito documents.
 */

/** Tokens from the token endpoint. */
export interface OAuthTokens {
  accessToken: string;
  idToken?: string;
  /** Absent on a refresh, unless the app client rotates refresh tokens. */
  refreshToken?: string;
  /** Seconds the access token lives. */
  expiresIn: number;
}

/**
 * The token endpoint's answer: tokens, an OAuth error (`invalid_grant`, `invalid_client`, ...),
 * or `unavailable` when Cognito could not be reached or answered something unusable.
 */
export type TokenAnswer = { tokens: OAuthTokens } | { error: string };

/** The most an answer of the token endpoint may weigh; Cognito's are a few KB. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** The authorization code of a login, exchanged with its PKCE verifier. */
export function exchangeCode(
  options: ResolvedWebLoginOptions,
  code: string,
  verifier: string,
): Promise<TokenAnswer> {
  return callTokenEndpoint(options, {
    grant_type: 'authorization_code',
    client_id: options.clientId,
    code,
    redirect_uri: options.redirectUri,
    code_verifier: verifier,
  });
}

/** New tokens for a refresh token. */
export function refreshTokens(options: ResolvedWebLoginOptions, refreshToken: string): Promise<TokenAnswer> {
  return callTokenEndpoint(options, {
    grant_type: 'refresh_token',
    client_id: options.clientId,
    refresh_token: refreshToken,
  });
}

/**
 * Revokes a refresh token (and, at Cognito, the access tokens issued from it). Whether it worked:
 * a sign-out goes on either way (the cookies are cleared), so this never throws.
 */
export async function revokeRefreshToken(
  options: ResolvedWebLoginOptions,
  refreshToken: string,
): Promise<boolean> {
  try {
    const response = await post(options, options.endpoints.revoke, {
      token: refreshToken,
      client_id: options.clientId,
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

async function callTokenEndpoint(
  options: ResolvedWebLoginOptions,
  form: Record<string, string>,
): Promise<TokenAnswer> {
  let status: number;
  let body: unknown;
  try {
    const response = await post(options, options.endpoints.token, form);
    status = response.status;
    body = await readJson(response);
  } catch {
    return { error: 'unavailable' };
  }
  if (status === 200) {
    const tokens = asTokens(body);
    return tokens ? { tokens } : { error: 'unavailable' };
  }
  const error = (body as { error?: unknown } | undefined)?.error;
  return { error: status < 500 && typeof error === 'string' ? error : 'unavailable' };
}

function post(
  options: ResolvedWebLoginOptions,
  url: string,
  form: Record<string, string>,
): Promise<Response> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (options.clientSecret) {
    headers.authorization = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;
  }
  return fetch(url, {
    method: 'POST',
    headers,
    body: new URLSearchParams(form).toString(),
    redirect: 'error',
    signal: AbortSignal.timeout(options.timeoutMs),
  });
}

async function readJson(response: Response): Promise<unknown> {
  const bytes = await response.arrayBuffer();
  if (bytes.byteLength > MAX_ANSWER_BYTES) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

function asTokens(body: unknown): OAuthTokens | undefined {
  const b = body as Record<string, unknown> | undefined;
  if (typeof b?.access_token !== 'string' || typeof b.expires_in !== 'number' || b.expires_in <= 0) {
    return undefined;
  }
  return {
    accessToken: b.access_token,
    expiresIn: b.expires_in,
    ...(typeof b.id_token === 'string' ? { idToken: b.id_token } : {}),
    ...(typeof b.refresh_token === 'string' ? { refreshToken: b.refresh_token } : {}),
  };
}
