import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context.js';
import { authenticateClient } from './client-auth.js';
import { invalidRequest, OAuthError } from './errors.js';
import { param, readForm } from './http.js';

/** Whether a token is a JWT of this emulator's kind (an access or ID token), not a refresh token. */
const isJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);

/**
 * `POST /oauth2/revoke` (RFC 7009 as AWS documents it): a refresh token (`token`) of the
 * authenticated client (401 `invalid_client` otherwise) is revoked with the access tokens issued
 * from it, as RevokeToken does. Token revocation off for the client, or no token, is
 * `invalid_request`; an access or ID token `unsupported_token_type`; an unknown token 200.
 */
export async function revokeEndpoint(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const form = await readForm(req);
  const token = param(form, 'token');
  const { client } = authenticateClient(ctx, req, form, 401);
  if (!token || !client.config.EnableTokenRevocation) throw invalidRequest();
  const session = ctx.tokens.findSession(token);
  if (!session && isJwt(token)) throw new OAuthError('unsupported_token_type');
  if (session && session.client_id !== client.id) throw new OAuthError('unauthorized_client');
  if (session) ctx.tokens.revokeSession(session.origin_jti);
  res.writeHead(200, { 'content-length': 0, 'cache-control': 'no-store' });
  res.end();
}
