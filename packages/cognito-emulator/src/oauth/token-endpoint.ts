import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context.js';
import { authenticateClient } from './client-auth.js';
import type { AuthorizationCodes } from './codes.js';
import { invalidRequest, unsupportedGrantType } from './errors.js';
import { param, readForm, sendOAuthJson } from './http.js';
import {
  authorizationCodeGrant,
  clientCredentialsGrant,
  type GrantRequest,
  refreshTokenGrant,
  type TokenAnswer,
} from './token-grants.js';

const GRANTS: Record<string, (request: GrantRequest) => Promise<TokenAnswer>> = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  client_credentials: clientCredentialsGrant,
};

/**
 * `POST /oauth2/token`: a form body, a known `grant_type` (else `unsupported_grant_type`), the
 * client authenticated (400 `invalid_client` as AWS documents it for this endpoint), then the grant.
 */
export async function tokenEndpoint(
  ctx: EmulatorContext,
  codes: AuthorizationCodes,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const form = await readForm(req);
  const grantType = param(form, 'grant_type');
  if (!grantType) throw invalidRequest();
  const grant = Object.hasOwn(GRANTS, grantType) ? GRANTS[grantType] : undefined;
  if (!grant) throw unsupportedGrantType();
  const { client, pool } = authenticateClient(ctx, req, form, 400);
  const answer = await grant({ ctx, client, pool, form, codes });
  sendOAuthJson(res, 200, answer);
}
