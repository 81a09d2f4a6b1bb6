import type { EmulatorContext } from '../context.js';
import type { Client, Pool } from '../services/model.js';
import { allowsFlow, callbackUrls, oauthClient } from './client-settings.js';
import { OAuthError } from './errors.js';
import { param } from './http.js';
import { isChallenge } from './pkce.js';
import { scopesOf, userScopes } from './scopes.js';

/** The parameters of an authorization request (`/oauth2/authorize`, and `/login` after it). */
export const AUTHORIZE_PARAMETERS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'scope',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'identity_provider',
  'idp_identifier',
  'lang',
] as const;

/** An authorization request that passed every check. */
export interface AuthorizeRequest {
  pool: Pool;
  client: Client;
  responseType: 'code' | 'token';
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string | undefined;
  /** The request's parameters, to carry from page to page. */
  query: string;
}

/**
 * What is wrong with an authorization request: shown on an error page when the client or its
 * redirect URI cannot be trusted (never redirected there), or sent back to the redirect URI.
 */
export type AuthorizeProblem =
  { kind: 'page'; error: string; message: string } | { kind: 'redirect'; location: string };

/** The request's own parameters, in a query string (anything else dropped). */
function carriedQuery(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const name of AUTHORIZE_PARAMETERS) for (const value of params.getAll(name)) kept.append(name, value);
  return kept.toString();
}

/** A redirect of an error to the client's redirect URI, with the request's `state`. */
export function errorRedirect(redirectUri: string, error: string, state: string | undefined): string {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  if (state !== undefined) url.searchParams.set('state', state);
  return url.toString();
}

/**
 * Checks an authorization request as AWS does: a known client of a pool with a domain and a
 * `redirect_uri` exactly one of its callback URLs, else an error page; then `response_type`
 * (`code` or `token`, allowed the client), PKCE (S256), the scopes, each failure redirected to the
 * client with `error` and `state`.
 */
export function checkAuthorizeRequest(
  ctx: EmulatorContext,
  params: URLSearchParams,
): AuthorizeRequest | AuthorizeProblem {
  let clientId: string | undefined;
  let redirectUri: string | undefined;
  let state: string | undefined;
  try {
    clientId = param(params, 'client_id');
    redirectUri = param(params, 'redirect_uri');
    state = param(params, 'state');
  } catch {
    return { kind: 'page', error: 'invalid_request', message: 'A parameter was given more than once.' };
  }
  const found = oauthClient(ctx, clientId);
  if (!found) {
    return {
      kind: 'page',
      error: 'invalid_request',
      message: 'No such app client (or its pool has no domain).',
    };
  }
  if (!redirectUri || !callbackUrls(found.client).includes(redirectUri)) {
    return {
      kind: 'page',
      error: 'redirect_mismatch',
      message: 'The redirect_uri is not one of the app client’s callback URLs.',
    };
  }
  const back = (error: string): AuthorizeProblem => ({
    kind: 'redirect',
    location: errorRedirect(redirectUri, error, state),
  });
  try {
    const responseType = param(params, 'response_type');
    if (!responseType) return back('invalid_request');
    if (responseType !== 'code' && responseType !== 'token') return back('unsupported_response_type');
    if (!allowsFlow(found.client, responseType === 'code' ? 'code' : 'implicit')) {
      return back('unauthorized_client');
    }
    const challenge = param(params, 'code_challenge');
    const method = param(params, 'code_challenge_method');
    if ((challenge !== undefined || method !== undefined) && !isChallenge(method, challenge ?? '')) {
      return back('invalid_request');
    }
    const scopes = userScopes(ctx, found.pool, found.client, scopesOf(param(params, 'scope')));
    return {
      ...found,
      responseType,
      redirectUri,
      scopes,
      state,
      nonce: param(params, 'nonce'),
      codeChallenge: responseType === 'code' ? challenge : undefined,
      query: carriedQuery(params),
    };
  } catch (error) {
    if (error instanceof OAuthError) return back(error.error);
    throw error;
  }
}
