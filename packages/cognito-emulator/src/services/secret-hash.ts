import { createHmac } from 'node:crypto';
import { notAuthorized } from '../errors.js';
import type { Client } from './model.js';
import { currentSecrets, matchesAny } from './client-secrets.js';

/** Base64(HMAC-SHA256(key = client secret, message = username + client id)). */
export const secretHash = (clientSecret: string, username: string, clientId: string) =>
  createHmac('sha256', clientSecret)
    .update(username + clientId)
    .digest('base64');

/**
 * For a client with a secret, the request must carry the SECRET_HASH of the user name it names,
 * made with any of its current secrets (two during a rotation); a client without one ignores it,
 * as Cognito does.
 */
export function assertSecretHash(client: Client, username: string, received: unknown): void {
  const secrets = currentSecrets(client);
  if (secrets.length === 0) return;
  if (typeof received !== 'string' || received.length === 0) {
    throw notAuthorized(`Client ${client.id} is configured with secret but SECRET_HASH was not received`);
  }
  const matched = matchesAny(
    secrets.map((secret) => secretHash(secret, username, client.id)),
    received,
  );
  if (!matched) throw notAuthorized(`Unable to verify secret hash for client ${client.id}`);
}
