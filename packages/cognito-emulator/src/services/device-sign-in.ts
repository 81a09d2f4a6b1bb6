import type { EmulatorContext } from '../context.js';
import { newDeviceGroupKey, newDeviceKey, regionOfPool } from '../ids.js';
import type {
  PostAuthenticationTriggerEvent,
  StringMap,
  TokenGenerationTriggerSource,
} from '../lambda/events.js';
import type { Device } from '../store/devices.js';
import { deviceNotFound } from './devices.js';
import type { Client, Pool, User } from './model.js';
import { secondFactor } from './mfa-challenges.js';
import { groupsOf, metadataField, type SignInAnswer, triggerAttributes } from './sign-in.js';
import { runTrigger } from './triggers.js';

/**
 * How a sign-in was made: with which device (its request's DEVICE_KEY, if any), from where, and
 * the ClientMetadata of the RespondToAuthChallenge that ends it (none when InitiateAuth ends it).
 */
export interface SignInOrigin {
  deviceKey: string | undefined;
  sourceIp: string | null;
  clientMetadata?: StringMap | undefined;
  /** What the pre token generation trigger is told: `TokenGeneration_Authentication` unless said. */
  tokenSource?: TokenGenerationTriggerSource | undefined;
}

/** How the tokens of a sign-in come to be, for the pre token generation trigger. */
const generationOf = (origin: SignInOrigin) => ({
  source: origin.tokenSource ?? 'TokenGeneration_Authentication',
  ...metadataField('clientMetadata', origin.clientMetadata),
});

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
 * Every sign-in whose first factor passed (password, SRP, admin, new password) ends here: the
 * second factor it must give, if any, then `finishSignIn`.
 */
export async function signedIn(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  user: User,
  origin: SignInOrigin,
): Promise<SignInAnswer> {
  return (
    (await mfaChallengeOf(ctx, pool, client, user, origin)) ?? finishSignIn(ctx, pool, client, user, origin)
  );
}

/**
 * The MFA challenge a sign-in whose password was right must answer, if any. A device the pool
 * remembers for the user skips it where the pool's `ChallengeRequiredOnNewDevice` is true (only new
 * devices are challenged).
 */
export async function mfaChallengeOf(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  user: User,
  origin: SignInOrigin,
): Promise<SignInAnswer | undefined> {
  const known = deviceOfSignIn(ctx, pool, user.username, origin.deviceKey);
  const trusted =
    known?.verifier &&
    known.remembered === 'remembered' &&
    pool.config.DeviceConfiguration?.ChallengeRequiredOnNewDevice;
  if (trusted) return undefined;
  const { deviceKey, clientMetadata } = origin;
  return secondFactor(ctx, { pool, client, user, deviceKey, clientMetadata });
}

/**
 * The end of every successful sign-in, after its second factor if any. The pool's post
 * authentication trigger runs first: its failure fails the sign-in (no tokens, no device). Where
 * the pool tracks devices, a confirmed device named by DEVICE_KEY must then prove itself (the
 * DEVICE_SRP_AUTH challenge); any other sign-in gets a new device key (`NewDeviceMetadata`) that
 * its tokens carry (`device_key`), to be confirmed with ConfirmDevice.
 */
export async function finishSignIn(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  user: User,
  origin: SignInOrigin,
): Promise<SignInAnswer> {
  const groups = groupsOf(ctx, pool, user);
  const known = deviceOfSignIn(ctx, pool, user.username, origin.deviceKey);
  const newDeviceUsed = tracksDevices(pool) && !known?.verifier;
  await postAuthentication(ctx, pool, client, user, newDeviceUsed, origin.clientMetadata);
  if (!tracksDevices(pool)) {
    return {
      ChallengeParameters: {},
      AuthenticationResult: await ctx.tokens.signIn(pool, client, user, groups, null, generationOf(origin)),
    };
  }
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
  const tokens = await ctx.tokens.signIn(pool, client, user, groups, key, generationOf(origin));
  return {
    ChallengeParameters: {},
    AuthenticationResult: { ...tokens, NewDeviceMetadata: { DeviceKey: key, DeviceGroupKey: groupKey } },
  };
}

/**
 * The pool's post authentication trigger, once the user is authenticated: `newDeviceUsed` where
 * the pool tracks devices and the sign-in was not made with a confirmed device, and the
 * RespondToAuthChallenge's ClientMetadata (InitiateAuth's is never given to it, as on AWS). A
 * failure of the function is `UserLambdaValidationException` "PostAuthentication failed with
 * error X.".
 */
async function postAuthentication(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  user: User,
  newDeviceUsed: boolean,
  clientMetadata: StringMap | undefined,
): Promise<void> {
  await runTrigger<PostAuthenticationTriggerEvent>(ctx, pool, {
    triggerSource: 'PostAuthentication_Authentication',
    userName: user.username,
    clientId: client.id,
    request: {
      userAttributes: triggerAttributes(user),
      newDeviceUsed,
      ...metadataField('clientMetadata', clientMetadata),
    },
    response: {},
  });
}
