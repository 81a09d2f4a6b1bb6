import type { ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context.js';
import type { User } from '../services/model.js';
import { groupsOf } from '../services/sign-in.js';
import type { AuthorizeRequest } from './authorize-request.js';
import type { AuthorizationCodes } from './codes.js';
import { redirect } from './http.js';
import { OPENID } from './scopes.js';

/**
 * The end of an authorization request for a signed-in user, as AWS ends it: `response_type=code`
 * redirects with a single-use code (and `state`) in the query; `token` (implicit) with the tokens in
 * the fragment, an ID token only with `openid`, never a refresh token.
 */
export async function completeAuthorization(
  ctx: EmulatorContext,
  codes: AuthorizationCodes,
  res: ServerResponse,
  request: AuthorizeRequest,
  signedIn: { user: User; authTime: number },
  cookies: readonly string[] = [],
): Promise<void> {
  const { pool, client, redirectUri, scopes, state, nonce } = request;
  const { user, authTime } = signedIn;
  if (request.responseType === 'code') {
    const code = codes.issue({
      poolId: pool.id,
      clientId: client.id,
      username: user.username,
      redirectUri,
      scopes,
      nonce,
      codeChallenge: request.codeChallenge,
      authTime,
    });
    const url = new URL(redirectUri);
    url.searchParams.set('code', code);
    if (state !== undefined) url.searchParams.set('state', state);
    return redirect(res, url.toString(), cookies);
  }
  const tokens = await ctx.tokens.signIn(pool, client, user, groupsOf(ctx, pool, user), null, {
    source: 'TokenGeneration_HostedAuth',
    scopes,
    authTime,
    ...(nonce !== undefined ? { nonce } : {}),
  });
  const fragment = new URLSearchParams();
  if (scopes.includes(OPENID)) fragment.set('id_token', tokens.IdToken);
  fragment.set('access_token', tokens.AccessToken);
  fragment.set('token_type', 'Bearer');
  fragment.set('expires_in', String(tokens.ExpiresIn));
  if (state !== undefined) fragment.set('state', state);
  const url = new URL(redirectUri);
  url.hash = fragment.toString();
  redirect(res, url.toString(), cookies);
}
