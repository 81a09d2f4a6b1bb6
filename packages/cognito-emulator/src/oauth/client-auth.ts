import type { IncomingMessage } from 'node:http';
import type { EmulatorContext } from '../context.js';
import { clientSecretMatches } from '../services/oauth-config.js';
import type { Client, Pool } from '../services/model.js';
import { oauthClient } from './client-settings.js';
import { invalidRequest, OAuthError } from './errors.js';
import { basicCredentials, param } from './http.js';

/**
 * Client authentication at the token and revocation endpoints, as AWS takes it: a client with a
 * secret sends it either in `Authorization: Basic base64(id:secret)` (`client_secret_basic`) or as
 * `client_id` and `client_secret` in the form (`client_secret_post`), never both; a client without
 * one names itself with `client_id` and sends no secret. Every failure is `invalid_client`, with
 * the endpoint's status (400 at the token endpoint, 401 at the revocation endpoint, as AWS documents).
 */
export function authenticateClient(
  ctx: EmulatorContext,
  req: IncomingMessage,
  form: URLSearchParams,
  status: number,
): { client: Client; pool: Pool } {
  const invalidClient = () => new OAuthError('invalid_client', status);
  const basic = basicCredentials(req.headers.authorization);
  if (basic === 'malformed') throw invalidClient();
  const formId = param(form, 'client_id');
  const formSecret = param(form, 'client_secret');
  if (basic && formSecret !== undefined) throw invalidRequest();
  if (basic && formId !== undefined && formId !== basic.id) throw invalidClient();
  const found = oauthClient(ctx, basic?.id ?? formId);
  if (!found) throw invalidClient();
  const secret = basic?.secret ?? formSecret;
  if (found.client.secret) {
    if (secret === undefined || !clientSecretMatches(ctx, found.client, secret)) throw invalidClient();
  } else if (secret) {
    throw invalidClient();
  }
  return found;
}
