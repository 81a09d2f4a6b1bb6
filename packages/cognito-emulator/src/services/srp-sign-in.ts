import { createHmac, randomBytes } from 'node:crypto';
import type { EmulatorContext } from '../context.js';
import { INCORRECT_CREDENTIALS, invalidParameter, notAuthorized } from '../errors.js';
import type { CustomAuthState } from './challenges.js';
import { customAuthAfterPassword } from './custom-auth.js';
import type { Client, Pool } from './model.js';
import { assertSecretHash } from './secret-hash.js';
import { deviceOfSignIn, signedIn } from './device-sign-in.js';
import {
  assertExistenceHidden,
  assertMaySignIn,
  assertNotLockedOut,
  newPasswordChallenge,
  originOf,
  preAuthentication,
  type SignInAnswer,
  type SignInRequest,
  type SignInSubject,
} from './sign-in.js';
import { N, padHex } from './srp-group.js';
import { parseSrpTimestamp, serverKey, serverPublicValue, signatureMatches } from './srp-server.js';
import { parseSrpVerifier, srpPoolName } from './srp-verifier.js';

/** How far a TIMESTAMP may be from the emulator's clock, either way. */
export const SRP_TIMESTAMP_TOLERANCE_MS = 5 * 60_000;

/** SRP_A as hex: at most 1,024 digits (A is below N, 768 digits), and A mod N ≠ 0. */
export function parseA(hex: string): bigint {
  if (!/^[0-9a-fA-F]{1,1024}$/.test(hex)) throw invalidParameter('SRP_A is not a valid hexadecimal number.');
  const A = BigInt(`0x${hex}`);
  if (A % N === 0n) throw invalidParameter('SRP_A mod N cannot be 0.');
  return A;
}

/**
 * Stand-ins for a user that cannot sign in with SRP (unknown, or stored before verifiers): a salt,
 * verifier and user id derived from the pool's private key and the name, so that asking twice
 * gives the same salt and id, as a real user's do.
 */
function standIn(pool: Pool, name: string) {
  const key = pool.config.UsernameConfiguration?.CaseSensitive === false ? name.toLowerCase() : name;
  const derive = (label: string, bytes: number) => {
    const out: Buffer[] = [];
    for (let i = 0; out.length * 32 < bytes; i++)
      out.push(createHmac('sha256', pool.signingKeyPem).update(`${label}\0${i}\0${key}`).digest());
    return Buffer.concat(out).subarray(0, bytes);
  };
  const id = derive('srp-user-id', 16).toString('hex');
  const signsInWithAttribute = (pool.config.UsernameAttributes ?? []).length > 0;
  return {
    salt: BigInt(`0x${derive('srp-salt', 16).toString('hex')}`),
    v: BigInt(`0x${derive('srp-verifier', 384).toString('hex')}`) % N,
    // Where email or phone is the user name, the user id is a UUID (the `sub`), as a real one is.
    userId: signsInWithAttribute
      ? `${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(13, 16)}-a${id.slice(17, 20)}-${id.slice(20, 32)}`
      : name,
  };
}

/**
 * USER_SRP_AUTH: USERNAME, SRP_A (and SECRET_HASH), the pre authentication trigger, then the
 * PASSWORD_VERIFIER challenge. An unknown user is `UserNotFoundException` where the client is
 * LEGACY, and gets a stand-in challenge otherwise.
 */
export async function srpSignIn(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  parameters: Record<string, string>,
  request: SignInRequest,
): Promise<SignInAnswer> {
  const name = parameters.USERNAME;
  if (!name) throw invalidParameter('Missing required parameter USERNAME');
  if (!parameters.SRP_A) throw invalidParameter('Missing required parameter SRP_A');
  assertSecretHash(client, name, parameters.SECRET_HASH);
  const A = parseA(parameters.SRP_A);
  const user = ctx.users.findBySignInName(pool, name);
  if (!user) assertExistenceHidden(client);
  const subject = { pool, client, name, user };
  await preAuthentication(ctx, subject, request);
  return passwordVerifierChallenge(ctx, subject, A, parameters.DEVICE_KEY);
}

/**
 * The PASSWORD_VERIFIER challenge (SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP, USERNAME). The
 * SECRET_BLOCK names the exchange kept here until the answer, single-use and valid for the client's
 * `AuthSessionValidity`. A name of no user and a user without a verifier get a stand-in challenge
 * whose every answer is a wrong password. In a custom authentication (`custom`, CUSTOM_WITH_SRP) the
 * answer also carries the `Session`, which is the SECRET_BLOCK too.
 */
export function passwordVerifierChallenge(
  ctx: EmulatorContext,
  subject: SignInSubject,
  A: bigint,
  deviceKey: string | undefined,
  custom?: CustomAuthState,
): SignInAnswer {
  const { pool, client, name, user } = subject;
  const stored = user ? parseSrpVerifier(user.srpVerifier) : undefined;
  const fake = stored ? undefined : standIn(pool, name);
  const userId = user?.username ?? fake!.userId;
  const salt = stored?.salt ?? fake!.salt;
  const v = stored?.v ?? fake!.v;
  const { b, B } = serverPublicValue(v);
  const secretBlock = randomBytes(96).toString('base64');
  ctx.challenges.open(
    {
      poolId: pool.id,
      clientId: client.id,
      username: userId,
      challenge: 'PASSWORD_VERIFIER',
      srp: { A, B, b, v, genuine: stored !== undefined },
      deviceKey,
      custom,
    },
    client.config.AuthSessionValidity,
    secretBlock,
  );
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: padHex(salt),
      SECRET_BLOCK: secretBlock,
      SRP_B: B.toString(16),
      USERNAME: userId,
      USER_ID_FOR_SRP: userId,
    },
    ...(custom ? { Session: secretBlock } : {}),
  };
}

/**
 * The user id a name of no user is shown (USER_ID_FOR_SRP, a custom challenge's USERNAME): the
 * same each time for the same name, a UUID where email or phone is the user name.
 */
export const standInUserId = (pool: Pool, name: string): string => standIn(pool, name).userId;

/**
 * The answer to PASSWORD_VERIFIER: the exchange its PASSWORD_CLAIM_SECRET_BLOCK names, USERNAME
 * (and SECRET_HASH) of its user, and a PASSWORD_CLAIM_SIGNATURE over a TIMESTAMP within
 * SRP_TIMESTAMP_TOLERANCE_MS of the clock. A complete answer spends the exchange, right or wrong
 * (a client starts over after a wrong password), unless its DEVICE_KEY (here, or given to
 * InitiateAuth) names no device of the user: the client libraries then retry without it. Then the
 * user's state decides, as after a password. The SRP step of a custom authentication is answered
 * with its `Session` too, and its right password goes on with the custom authentication.
 */
export async function answerPasswordVerifier(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  responses: Record<string, string>,
  request: SignInRequest,
  session: string | undefined,
): Promise<SignInAnswer> {
  const secretBlock = responses.PASSWORD_CLAIM_SECRET_BLOCK;
  if (!secretBlock) throw invalidParameter('Missing required parameter PASSWORD_CLAIM_SECRET_BLOCK');
  const pending = ctx.challenges.get(secretBlock);
  if (
    pending.challenge !== 'PASSWORD_VERIFIER' ||
    pending.clientId !== client.id ||
    pending.poolId !== pool.id
  )
    throw notAuthorized('Invalid session for the user.');
  // A custom authentication's SRP step is answered with its Session, as any step of it.
  if (pending.custom && !session) throw invalidParameter('Missing required parameter Session');
  if (pending.custom && session !== secretBlock) throw notAuthorized('Invalid session for the user.');
  const name = responses.USERNAME;
  if (!name) throw invalidParameter('Missing required parameter USERNAME');
  assertSecretHash(client, name, responses.SECRET_HASH);
  const signature = responses.PASSWORD_CLAIM_SIGNATURE;
  if (!signature) throw invalidParameter('Missing required parameter PASSWORD_CLAIM_SIGNATURE');
  const timestamp = responses.TIMESTAMP;
  if (!timestamp) throw invalidParameter('Missing required parameter TIMESTAMP');
  const at = parseSrpTimestamp(timestamp);
  if (at === undefined) throw invalidParameter('TIMESTAMP format is invalid.');
  if (name !== pending.username && ctx.users.findBySignInName(pool, name)?.username !== pending.username)
    throw notAuthorized('Invalid session for the user.');
  const deviceKey = responses.DEVICE_KEY ?? pending.deviceKey;
  deviceOfSignIn(ctx, pool, pending.username, deviceKey);

  // A complete answer: spend the exchange now, before any await, so it is answered once.
  ctx.challenges.take(secretBlock);
  const key = serverKey(pending.srp);
  const message = { poolName: srpPoolName(pool), userId: pending.username, secretBlock, timestamp };
  const signed = key !== undefined && signatureMatches(key, message, signature);
  const timely = Math.abs(at - ctx.now()) <= SRP_TIMESTAMP_TOLERANCE_MS;
  const user = pending.srp.genuine ? ctx.users.findByUsername(pool, pending.username) : undefined;
  if (user) assertNotLockedOut(ctx, pool, user);
  if (user && !signed) ctx.lockout.fail(pool.id, user.username, ctx.now());
  if (!signed || !timely || !user) throw notAuthorized(INCORRECT_CREDENTIALS);
  // A password set since the challenge makes the proof stale.
  if (parseSrpVerifier(user.srpVerifier)?.v !== pending.srp.v) throw notAuthorized(INCORRECT_CREDENTIALS);
  ctx.lockout.succeed(pool.id, user.username);
  assertMaySignIn(user);
  if (user.status === 'FORCE_CHANGE_PASSWORD')
    return newPasswordChallenge(ctx, pool, client, user, deviceKey);
  const origin = originOf(request, deviceKey);
  if (pending.custom) return customAuthAfterPassword(ctx, { pool, client, user }, pending.custom, origin);
  return signedIn(ctx, pool, client, user, origin);
}
