import type { EmulatorContext } from '../context.js';
import { CognitoError, invalidParameter, notAuthorized } from '../errors.js';
import type { RefreshTokenRow } from '../store/sessions.js';
import { rotatesRefreshTokens } from './client-config.js';
import { clientSecretMatches } from './oauth-config.js';
import type { Client, Pool, User } from './model.js';
import { assertSecretHash } from './secret-hash.js';
import { assertMaySignIn, groupsOf } from './sign-in.js';
import type { AuthenticationResult } from './tokens.js';

/** What AWS answers for a refresh token that rotation replaced once its grace period is over. */
const reused = () =>
  new CognitoError('RefreshTokenReuseException', 'Refresh Token has been rotated and is no longer valid.');

/**
 * The live session a refresh token belongs to, issued to this client, and its user, still allowed
 * to sign in: what both ways of refreshing check first.
 */
function sessionAndUser(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  token: string,
): { session: RefreshTokenRow; user: User } {
  const session = ctx.tokens.sessionOfRefreshToken(client, token);
  const user = ctx.users.findByUsername(pool, session.username);
  if (!user) throw notAuthorized('Invalid Refresh Token');
  return { session, user };
}

/**
 * A refresh of tokens issued to a device must name it (DEVICE_KEY, `DeviceKey`), as AWS requires
 * where devices are remembered: another key, or none once the device was confirmed (a client that
 * confirmed it knows its key), is an invalid refresh token. A key sent for tokens issued to no
 * device changes nothing.
 */
function assertDeviceOfSession(
  ctx: EmulatorContext,
  pool: Pool,
  session: RefreshTokenRow,
  deviceKey: string | undefined,
): void {
  if (!session.device_key || deviceKey === session.device_key) return;
  if (deviceKey === undefined && !ctx.devices.find(pool.id, session.device_key)?.verifier) return;
  throw notAuthorized('Invalid Refresh Token');
}

/**
 * A refresh (REFRESH_TOKEN_AUTH, REFRESH_TOKEN): the session of the refresh token, the secret hash
 * over the user's internal user name (the `sub` in email pools), its device, the user's state; new
 * access and ID tokens of the same session (and device). Rotating clients never get here (the flow is not enabled for them); a
 * token rotated out on one that has stopped rotating is good for its grace period only.
 */
export async function refreshSignIn(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  parameters: Record<string, string>,
): Promise<{ AuthenticationResult: AuthenticationResult; ChallengeParameters: Record<string, string> }> {
  const token = parameters.REFRESH_TOKEN;
  if (!token) throw invalidParameter('Missing required parameter REFRESH_TOKEN');
  const { session, user } = sessionAndUser(ctx, pool, client, token);
  assertSecretHash(client, user.username, parameters.SECRET_HASH);
  assertDeviceOfSession(ctx, pool, session, parameters.DEVICE_KEY);
  if (ctx.tokens.isSpent(session)) throw notAuthorized('Invalid Refresh Token');
  assertMaySignIn(user);
  const result = await ctx.tokens.refresh(pool, client, user, groupsOf(ctx, pool, user), session);
  return { ChallengeParameters: {}, AuthenticationResult: result };
}

/**
 * A client with a secret must send it as `ClientSecret` (GetTokensFromRefreshToken takes the secret
 * itself, not a SECRET_HASH); a client without one ignores it.
 */
function assertClientSecret(ctx: EmulatorContext, client: Client, received: string | undefined): void {
  if (!client.secret) return;
  if (!received) {
    throw notAuthorized(`Client ${client.id} is configured with secret but ClientSecret was not received`);
  }
  // Any current secret: during a rotation (AddUserPoolClientSecret) both are good.
  if (!clientSecretMatches(ctx, client, received)) {
    throw notAuthorized(`Unable to verify client secret for client ${client.id}`);
  }
}

/**
 * GetTokensFromRefreshToken: new access and ID tokens of the refresh token's session and, where the
 * client rotates refresh tokens, a new refresh token (same session, same expiry) while the one sent
 * stays good for the client's `RetryGracePeriodSeconds`. A token past that answers
 * `RefreshTokenReuseException`. The rotation is decided by the store before anything asynchronous,
 * so that of concurrent requests with one token and no grace period exactly one gets tokens.
 */
export async function tokensFromRefreshToken(
  ctx: EmulatorContext,
  client: Client,
  input: { RefreshToken: string; ClientSecret?: string | undefined; DeviceKey?: string | undefined },
): Promise<{ AuthenticationResult: AuthenticationResult }> {
  assertClientSecret(ctx, client, input.ClientSecret);
  return { AuthenticationResult: await refreshedTokens(ctx, client, input) };
}

/**
 * The tokens of a refresh by a client already authenticated (GetTokensFromRefreshToken after its
 * secret check, the token endpoint's `refresh_token` grant after client authentication): see
 * `tokensFromRefreshToken`. Failures are Cognito's errors.
 */
export async function refreshedTokens(
  ctx: EmulatorContext,
  client: Client,
  input: { RefreshToken: string; DeviceKey?: string | undefined },
): Promise<AuthenticationResult> {
  const pool = ctx.pools.getPool(client.poolId);
  const { session, user } = sessionAndUser(ctx, pool, client, input.RefreshToken);
  assertDeviceOfSession(ctx, pool, session, input.DeviceKey);
  assertMaySignIn(user);
  let refreshToken: string | undefined;
  if (rotatesRefreshTokens(client)) {
    refreshToken = ctx.tokens.rotateRefreshToken(
      input.RefreshToken,
      client.config.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0,
    );
    if (!refreshToken) throw reused();
  } else if (ctx.tokens.isSpent(session)) {
    throw reused();
  }
  const result = await ctx.tokens.refresh(pool, client, user, groupsOf(ctx, pool, user), session);
  return refreshToken ? { ...result, RefreshToken: refreshToken } : result;
}
