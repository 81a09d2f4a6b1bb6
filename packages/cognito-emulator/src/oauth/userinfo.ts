import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context.js';
import { CognitoError } from '../errors.js';
import type { Client, User } from '../services/model.js';
import { OAuthError } from './errors.js';
import { sendOAuthJson } from './http.js';
import { OPENID } from './scopes.js';

/** AWS's answers when the request or its token is not good (with their `WWW-Authenticate`). */
const badRequest = () =>
  new OAuthError('invalid_request', 400, {
    'www-authenticate':
      'Bearer error="invalid_request", error_description="Bad OAuth2 request at UserInfo Endpoint"',
  });
const invalidToken = () =>
  new OAuthError('invalid_token', 401, {
    'www-authenticate':
      'Bearer error="invalid_token", error_description="Access token is expired, disabled, or deleted, or the user has globally signed out."',
  });

/** The attributes each OpenID Connect scope releases (`openid` alone: `sub`, and the user name). */
const SCOPE_ATTRIBUTES: Record<string, readonly string[]> = {
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
};

/** The bearer token of a request, or undefined. */
function bearerOf(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/**
 * `GET` / `POST /oauth2/userInfo`: the signed-in user's attributes, for a live access token (not
 * expired, not revoked, of a user still enabled) that has the `openid` scope. `email` and `phone`
 * release those attributes, `profile` every attribute the client may read; `sub` and `username`
 * always. Values are strings, as Cognito keeps them.
 */
export function userInfoEndpoint(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  const token = bearerOf(req);
  if (!token) throw badRequest();
  let verified: ReturnType<typeof ctx.tokens.verifyAccessToken>;
  try {
    verified = ctx.tokens.verifyAccessToken(token);
  } catch (error) {
    if (error instanceof CognitoError) throw invalidToken();
    throw error;
  }
  const { pool, claims } = verified;
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  if (!scopes.includes(OPENID) || typeof claims.username !== 'string') throw invalidToken();
  const user = ctx.users.findByUsername(pool, claims.username);
  const client = ctx.pools.findClient(claims.client_id);
  if (!user || !user.enabled || !client) throw invalidToken();
  sendOAuthJson(res, 200, released(user, client, scopes));
}

/** The attributes the token's scopes release, of those the client may read. */
function released(user: User, client: Client, scopes: string[]): Record<string, string> {
  const readable = client.config.ReadAttributes;
  const mayRead = (name: string) => !readable || readable.includes(name);
  const names = new Set<string>();
  for (const scope of scopes) for (const name of SCOPE_ATTRIBUTES[scope] ?? []) names.add(name);
  if (scopes.includes('profile')) for (const name of Object.keys(user.attributes)) names.add(name);
  const answer: Record<string, string> = { sub: user.sub };
  for (const name of [...names].sort()) {
    const value = user.attributes[name];
    if (name !== 'sub' && value !== undefined && mayRead(name)) answer[name] = value;
  }
  answer.username = user.username;
  return answer;
}
