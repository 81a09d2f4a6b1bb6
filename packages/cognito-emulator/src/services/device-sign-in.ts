import type { EmulatorContext } from '../context.js';
import { newDeviceGroupKey, newDeviceKey, regionOfPool } from '../ids.js';
import type { Device } from '../store/devices.js';
import { deviceNotFound } from './devices.js';
import type { Client, Pool, User } from './model.js';
import { secondFactor } from './mfa-challenges.js';
import { groupsOf, type SignInAnswer } from './sign-in.js';

/** How a sign-in was made: with which device (its request's DEVICE_KEY, if any), from where. */
export interface SignInOrigin {
  deviceKey: string | undefined;
  sourceIp: string | null;
}

/** Whether the pool tracks devices: any `DeviceConfiguration` was given to it. */
export const tracksDevices = (pool: Pool): boolean => pool.config.DeviceConfiguration !== undefined;

/**
 * The device a sign-in names, where the pool tracks devices (elsewhere DEVICE_KEY is ignored, and
 * so is a key of no device here: undefined). It must be a device issued to this user: otherwise
 * AWS's `ResourceNotFoundException` "Device does not exist.", on which the client libraries forget
 * the key and sign in again. Called before a challenge's session is spent, so the retry can use it.
 */
export function deviceOfSignIn(
  ctx: EmulatorContext,
  pool: Pool,
  username: string,
  deviceKey: string | undefined,
): Device | undefined {
  if (!deviceKey || !tracksDevices(pool)) return undefined;
  const device = ctx.devices.find(pool.id, deviceKey);
  if (!device || device.username !== username) throw deviceNotFound();
  return device;
}

/**
 * Every sign-in whose first factor passed (password, SRP, admin, new password) ends here. A device
 * the pool remembers for the user skips the second factor where the pool's
 * `ChallengeRequiredOnNewDevice` is true (only new devices are challenged); otherwise MFA asks its
 * challenge first. Then `finishSignIn`.
 */
export async function signedIn(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  user: User,
  origin: SignInOrigin,
): Promise<SignInAnswer> {
  const known = deviceOfSignIn(ctx, pool, user.username, origin.deviceKey);
  const trusted =
    known?.verifier &&
    known.remembered === 'remembered' &&
    pool.config.DeviceConfiguration?.ChallengeRequiredOnNewDevice;
  if (!trusted) {
    const challenge = secondFactor(ctx, { pool, client, user, deviceKey: origin.deviceKey });
    if (challenge) return challenge;
  }
  return finishSignIn(ctx, pool, client, user, origin);
}

/**
 * The end of every successful sign-in, after its second factor if any. Where the pool tracks
 * devices, a confirmed device named by DEVICE_KEY must prove itself first (the DEVICE_SRP_AUTH
 * challenge); any other sign-in gets a new device key (`NewDeviceMetadata`) that its tokens carry
 * (`device_key`), to be confirmed with ConfirmDevice.
 */
export async function finishSignIn(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  user: User,
  origin: SignInOrigin,
): Promise<SignInAnswer> {
  const groups = groupsOf(ctx, pool, user);
  if (!tracksDevices(pool)) {
    return {
      ChallengeParameters: {},
      AuthenticationResult: await ctx.tokens.signIn(pool, client, user, groups),
    };
  }
  const known = deviceOfSignIn(ctx, pool, user.username, origin.deviceKey);
  if (known?.verifier) {
    const session = ctx.challenges.open(
      {
        poolId: pool.id,
        clientId: client.id,
        username: user.username,
        challenge: 'DEVICE_SRP_AUTH',
        deviceKey: known.key,
      },
      client.config.AuthSessionValidity,
    );
    // USERNAME is the internal user name, as AWS names it (Amplify answers with it).
    return {
      ChallengeName: 'DEVICE_SRP_AUTH',
      Session: session,
      ChallengeParameters: { USERNAME: user.username },
    };
  }
  const key = newDeviceKey(regionOfPool(pool.id));
  const groupKey = newDeviceGroupKey();
  ctx.devices.insertPending(
    { poolId: pool.id, key, username: user.username, groupKey, lastIp: origin.sourceIp },
    ctx.now(),
  );
  const tokens = await ctx.tokens.signIn(pool, client, user, groups, key);
  return {
    ChallengeParameters: {},
    AuthenticationResult: { ...tokens, NewDeviceMetadata: { DeviceKey: key, DeviceGroupKey: groupKey } },
  };
}
