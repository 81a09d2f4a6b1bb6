import type { CodeDeliveryDetails } from './delivery.js';
import type { EmulatorContext } from '../context.js';
import { type CognitoError, notAuthorized, userNotFound } from '../errors.js';
import type { Client, Pool, User } from './model.js';
import { assertSecretHash } from './secret-hash.js';

/** The user an access token speaks for: valid, unrevoked token; existing, enabled user. */
export function userOfAccessToken(
  ctx: EmulatorContext,
  accessToken: string,
): { pool: Pool; user: User; originJti: string; clientId: string } {
  const { pool, claims } = ctx.tokens.verifyAccessToken(accessToken);
  const user = ctx.users.findByUsername(pool, claims.username);
  if (!user) throw userNotFound();
  if (!user.enabled) throw notAuthorized('User is disabled.');
  return { pool, user, originJti: claims.origin_jti, clientId: claims.client_id };
}

/**
 * The client, pool and (possibly absent) user of an operation that names a client and a user name,
 * after the secret hash check: ForgotPassword, ConfirmForgotPassword, ResendConfirmationCode, ...
 */
export function clientAndUser(
  ctx: EmulatorContext,
  input: { ClientId: string; Username: string; SecretHash?: string | undefined },
): { client: Client; pool: Pool; user: User | undefined } {
  const client = ctx.pools.getClient(input.ClientId);
  const pool = ctx.pools.getPool(client.poolId);
  const name = input.Username;
  assertSecretHash(client, name, input.SecretHash);
  return { client, pool, user: ctx.users.findBySignInName(pool, name) };
}

/** What Cognito answers instead of "no such user" when the client hides user existence. */
export function simulatedDelivery(name: string): CodeDeliveryDetails {
  const email = name.includes('@');
  return {
    Destination: email ? `${name[0]}***@${name[name.indexOf('@') + 1] ?? ''}***` : '+*******0000',
    DeliveryMedium: email ? 'EMAIL' : 'SMS',
    AttributeName: email ? 'email' : 'phone_number',
  };
}

/**
 * The answer to a code-sending operation for a user that does not exist: a simulated delivery when
 * the client hides user existence (`ENABLED`), the operation's own error otherwise.
 */
export function answerUnknownUser(client: Client, name: string, legacyError: CognitoError) {
  if (client.config.PreventUserExistenceErrors === 'ENABLED')
    return { CodeDeliveryDetails: simulatedDelivery(name) };
  throw legacyError;
}
