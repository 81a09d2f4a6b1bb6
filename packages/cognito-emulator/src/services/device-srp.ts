import { randomBytes } from 'node:crypto';
import type { EmulatorContext } from '../context.js';
import { INCORRECT_CREDENTIALS, invalidParameter, notAuthorized } from '../errors.js';
import type { PendingChallenge } from './challenges.js';
import { trackedDevice } from './devices.js';
import type { Client, Pool, User } from './model.js';
import { assertSecretHash } from './secret-hash.js';
import { assertMaySignIn, groupsOf, type SignInAnswer } from './sign-in.js';
import { padHex } from './srp-group.js';
import { parseSrpTimestamp, serverKey, serverPublicValue, signatureMatches } from './srp-server.js';
import { parseA, SRP_TIMESTAMP_TOLERANCE_MS } from './srp-sign-in.js';
import { parseSrpVerifier } from './srp-verifier.js';
import { requiredResponse } from './answer-fields.js';

// Device authentication: the SRP-6a exchange of USER_SRP_AUTH, with the device group key in place
// of the pool's name, the device key in place of the user id, and the verifier ConfirmDevice stored.

type Pending<C extends PendingChallenge['challenge']> = Extract<PendingChallenge, { challenge: C }>;

const isChallenge = <C extends PendingChallenge['challenge']>(
  pending: PendingChallenge,
  name: C,
): pending is Pending<C> => pending.challenge === name;

/** The pending challenge a `Session` names, issued to this client for this challenge, and the session. */
function pendingOf<C extends PendingChallenge['challenge']>(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  session: string | undefined,
  name: C,
): { session: string; pending: Pending<C> } {
  if (!session) throw invalidParameter('Missing required parameter Session');
  const pending = ctx.challenges.get(session);
  if (pending.clientId !== client.id || pending.poolId !== pool.id)
    throw notAuthorized('Invalid session for the user.');
  if (!isChallenge(pending, name))
    throw invalidParameter(`Challenge ${name} was not issued for this session.`);
  return { session, pending };
}

/**
 * USERNAME (any sign-in name of the session's user, with its SECRET_HASH) and DEVICE_KEY (the
 * session's device) of a device challenge's answer.
 */
function assertSameUserAndDevice(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  pending: Pending<'DEVICE_SRP_AUTH' | 'DEVICE_PASSWORD_VERIFIER'>,
  responses: Record<string, string>,
): void {
  const name = requiredResponse(responses, 'USERNAME');
  assertSecretHash(client, name, responses.SECRET_HASH);
  if (name !== pending.username && ctx.users.findBySignInName(pool, name)?.username !== pending.username)
    throw notAuthorized('Invalid session for the user.');
  if (requiredResponse(responses, 'DEVICE_KEY') !== pending.deviceKey)
    throw notAuthorized('Invalid session for the user.');
}

/** The user of a device challenge, still stored. */
function userOf(ctx: EmulatorContext, pool: Pool, username: string): User {
  const user = ctx.users.findByUsername(pool, username);
  if (!user) throw notAuthorized('Invalid session for the user.');
  return user;
}

/**
 * The answer to DEVICE_SRP_AUTH (USERNAME, DEVICE_KEY, SRP_A): the DEVICE_PASSWORD_VERIFIER
 * challenge (SALT, SRP_B, SECRET_BLOCK, USERNAME, DEVICE_KEY) under a new session, single-use and
 * valid for the client's `AuthSessionValidity`. The session answered is spent once the answer passed
 * its checks, before anything else.
 */
export function answerDeviceSrpAuth(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  session: string | undefined,
  responses: Record<string, string>,
): SignInAnswer {
  const { session: named, pending } = pendingOf(ctx, pool, client, session, 'DEVICE_SRP_AUTH');
  assertSameUserAndDevice(ctx, pool, client, pending, responses);
  const A = parseA(requiredResponse(responses, 'SRP_A'));
  const device = trackedDevice(ctx, pool, userOf(ctx, pool, pending.username), pending.deviceKey);
  const stored = parseSrpVerifier(device.verifier);
  if (!stored) throw notAuthorized(INCORRECT_CREDENTIALS);

  ctx.challenges.take(named);
  const { b, B } = serverPublicValue(stored.v);
  const secretBlock = randomBytes(96).toString('base64');
  const next = ctx.challenges.open(
    {
      poolId: pool.id,
      clientId: client.id,
      username: pending.username,
      challenge: 'DEVICE_PASSWORD_VERIFIER',
      deviceKey: device.key,
      srp: { A, B, b, v: stored.v, genuine: true },
      secretBlock,
    },
    client.config.AuthSessionValidity,
  );
  return {
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    Session: next,
    ChallengeParameters: {
      DEVICE_KEY: device.key,
      SALT: padHex(stored.salt),
      SECRET_BLOCK: secretBlock,
      SRP_B: B.toString(16),
      USERNAME: pending.username,
    },
  };
}

/**
 * The answer to DEVICE_PASSWORD_VERIFIER (USERNAME, DEVICE_KEY, PASSWORD_CLAIM_SECRET_BLOCK,
 * PASSWORD_CLAIM_SIGNATURE, TIMESTAMP): the signature is HMAC-SHA256 under the exchange's key over
 * group key | device key | secret block | timestamp. A complete answer spends the session before
 * anything asynchronous, right or wrong; a wrong device password is a wrong password. Then the
 * user's state decides, and the tokens name the device (no NewDeviceMetadata: it is known).
 */
export async function answerDevicePasswordVerifier(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  session: string | undefined,
  responses: Record<string, string>,
  sourceIp: string | null,
): Promise<SignInAnswer> {
  const { session: named, pending } = pendingOf(ctx, pool, client, session, 'DEVICE_PASSWORD_VERIFIER');
  assertSameUserAndDevice(ctx, pool, client, pending, responses);
  if (requiredResponse(responses, 'PASSWORD_CLAIM_SECRET_BLOCK') !== pending.secretBlock)
    throw notAuthorized('Invalid session for the user.');
  const signature = requiredResponse(responses, 'PASSWORD_CLAIM_SIGNATURE');
  const timestamp = requiredResponse(responses, 'TIMESTAMP');
  const at = parseSrpTimestamp(timestamp);
  if (at === undefined) throw invalidParameter('TIMESTAMP format is invalid.');

  ctx.challenges.take(named);
  const device = ctx.devices.find(pool.id, pending.deviceKey);
  const key = serverKey(pending.srp);
  const signed =
    device !== undefined &&
    key !== undefined &&
    signatureMatches(
      key,
      { poolName: device.groupKey, userId: device.key, secretBlock: pending.secretBlock, timestamp },
      signature,
    );
  const timely = Math.abs(at - ctx.now()) <= SRP_TIMESTAMP_TOLERANCE_MS;
  // A device forgotten or confirmed anew since the challenge makes the proof stale.
  if (!device || parseSrpVerifier(device.verifier)?.v !== pending.srp.v || !signed || !timely)
    throw notAuthorized(INCORRECT_CREDENTIALS);

  const user = userOf(ctx, pool, pending.username);
  assertMaySignIn(user);
  ctx.devices.authenticated(device, sourceIp, ctx.now());
  return {
    ChallengeParameters: {},
    AuthenticationResult: await ctx.tokens.signIn(pool, client, user, groupsOf(ctx, pool, user), device.key, {
      source: 'TokenGeneration_AuthenticateDevice',
    }),
  };
}
