import { createHmac } from 'node:crypto';

/** Base64(HMAC-SHA256(key = client secret, message = username + client id)), as Cognito expects. */
export function computeSecretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret)
    .update(username + clientId)
    .digest('base64');
}
