import type { EmulatorContext } from '../context.js';
import { CognitoError } from '../errors.js';
import type { Client, Pool } from '../services/model.js';
import { refreshedTokens } from '../services/refresh.js';
import { groupsOf } from '../services/sign-in.js';
import type { AuthenticationResult } from '../services/tokens.js';
import { allowsFlow, callbackUrls, refreshesApiSessions, usesOAuth } from './client-settings.js';
import type { AuthorizationCodes } from './codes.js';
import { invalidGrant, invalidRequest, unauthorizedClient } from './errors.js';
import { param } from './http.js';
import { verifierMatches } from './pkce.js';
import { machineScopes, OPENID, scopesOf } from './scopes.js';
import { grantedScopesOf } from '../services/tokens.js';

/** A token endpoint's answer (RFC 6749 5.1): what each grant issues. */
export interface TokenAnswer {
  id_token?: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: 'Bearer';
}

/** What a grant works with: the authenticated client, its pool, the form, the codes. */
export interface GrantRequest {
  ctx: EmulatorContext;
  client: Client;
  pool: Pool;
  form: URLSearchParams;
  codes: AuthorizationCodes;
}

/**
 * A Cognito error of a flow the token endpoint runs (a refresh token revoked, expired or rotated
 * out, a user disabled, a trigger's failure) is `invalid_grant` there; anything else goes on up.
 */
async function asGrantError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CognitoError && error.statusCode < 500) throw invalidGrant();
    throw error;
  }
}

/**
 * `client_credentials`: a confidential client allowed the grant gets an access token of custom
 * scopes (`scope`, or all the client's). A client not set up for OAuth at all is `invalid_grant`
 * (what AWS answers while `AllowedOAuthFlowsUserPoolClient` is false), one without the grant or
 * without a secret `unauthorized_client`.
 */
export async function clientCredentialsGrant(request: GrantRequest): Promise<TokenAnswer> {
  const { ctx, client, pool, form } = request;
  if (!usesOAuth(client)) throw invalidGrant();
  if (!allowsFlow(client, 'client_credentials') || !client.secret) throw unauthorizedClient();
  const scopes = machineScopes(ctx, pool, client, scopesOf(param(form, 'scope')));
  return asGrantError(() => ctx.tokens.machineToken(pool, client, scopes));
}

/**
 * `authorization_code`: the code (single-use, five minutes) of this client, the same
 * `redirect_uri` as the authorization request, the PKCE verifier where it had a challenge; then a
 * new session's tokens with the granted scopes (`TokenGeneration_HostedAuth`), an ID token only
 * with `openid`. The code is spent whatever follows, so that it answers once.
 */
export async function authorizationCodeGrant(request: GrantRequest): Promise<TokenAnswer> {
  const { ctx, client, pool, form, codes } = request;
  if (!allowsFlow(client, 'code')) throw unauthorizedClient();
  const code = param(form, 'code');
  const redirectUri = param(form, 'redirect_uri');
  if (!code || !redirectUri) throw invalidRequest();
  if (!callbackUrls(client).includes(redirectUri)) throw unauthorizedClient();
  const grant = codes.take(code);
  if (!grant || grant.clientId !== client.id || grant.redirectUri !== redirectUri) throw invalidGrant();
  if (grant.codeChallenge && !verifierMatches(param(form, 'code_verifier'), grant.codeChallenge)) {
    throw invalidGrant();
  }
  const user = ctx.users.findByUsername(pool, grant.username);
  if (!user || !user.enabled) throw invalidGrant();
  const result = await asGrantError(() =>
    ctx.tokens.signIn(pool, client, user, groupsOf(ctx, pool, user), null, {
      source: 'TokenGeneration_HostedAuth',
      scopes: grant.scopes,
      authTime: grant.authTime,
      ...(grant.nonce !== undefined ? { nonce: grant.nonce } : {}),
    }),
  );
  return tokenAnswer(result, grant.scopes.includes(OPENID));
}

/**
 * `refresh_token`: new access (and ID) tokens of the refresh token's session, as
 * GetTokensFromRefreshToken issues them (a new refresh token where the client rotates them). A
 * session begun at the authorization endpoint always refreshes here; one begun through the API
 * only where the client allows `ALLOW_REFRESH_TOKEN_AUTH`, as AWS documents.
 */
export async function refreshTokenGrant(request: GrantRequest): Promise<TokenAnswer> {
  const { ctx, client, form } = request;
  const token = param(form, 'refresh_token');
  if (!token) throw invalidRequest();
  const session = ctx.tokens.findSession(token);
  if (!session || session.client_id !== client.id) throw invalidGrant();
  const granted = grantedScopesOf(session);
  if (!granted && !refreshesApiSessions(client)) throw unauthorizedClient();
  const result = await asGrantError(() => refreshedTokens(ctx, client, { RefreshToken: token }));
  return tokenAnswer(result, !granted || granted.includes(OPENID));
}

function tokenAnswer(result: AuthenticationResult, withIdToken: boolean): TokenAnswer {
  return {
    ...(withIdToken ? { id_token: result.IdToken } : {}),
    access_token: result.AccessToken,
    ...(result.RefreshToken ? { refresh_token: result.RefreshToken } : {}),
    expires_in: result.ExpiresIn,
    token_type: 'Bearer',
  };
}
