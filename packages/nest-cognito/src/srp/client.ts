import { createHmac, randomBytes } from 'node:crypto';
import { derivedKey, fromHex, K, modPow, N, passwordExponent, powG, scrambler, SrpError } from './group.js';
import { srpTimestamp } from './timestamp.js';

/** The client's secret exponent `a` and its public value `A = g^a mod N` (sent as SRP_A). */
export interface SrpClientKeys {
  readonly a: bigint;
  readonly A: bigint;
}

/** The challenge parameters of PASSWORD_VERIFIER that the answer is computed from. */
export interface PasswordVerifierParameters {
  SALT: string;
  SRP_B: string;
  SECRET_BLOCK: string;
  USER_ID_FOR_SRP: string;
}

/** The ChallengeResponses of PASSWORD_VERIFIER (SECRET_HASH, when the client has a secret, is the caller's). */
export interface PasswordVerifierResponses {
  USERNAME: string;
  PASSWORD_CLAIM_SECRET_BLOCK: string;
  PASSWORD_CLAIM_SIGNATURE: string;
  TIMESTAMP: string;
}

/** The pool name SRP hashes: the part of the pool id after the region (`us-east-1_AbC` → `AbC`). */
export function srpPoolName(userPoolId: string): string {
  const name = userPoolId.slice(userPoolId.indexOf('_') + 1);
  if (!userPoolId.includes('_') || name.length === 0) {
    throw new SrpError(`${userPoolId} is not a user pool id (<region>_<name>)`);
  }
  return name;
}

/** New client keys: `a` is 256 random bits unless given (tests give it to compare implementations). */
export function srpClientKeys(a: bigint = BigInt(`0x${randomBytes(32).toString('hex')}`)): SrpClientKeys {
  if (a <= 0n) throw new SrpError('a must be a positive integer');
  const A = powG(a);
  if (A % N === 0n) throw new SrpError('A mod N cannot be 0');
  return { a, A };
}

/** SRP_A of InitiateAuth's AuthParameters. */
export const srpA = (keys: SrpClientKeys): string => keys.A.toString(16);

/**
 * The 16-byte key of the exchange: S = (B - k·g^x)^(a + u·x) mod N, then HKDF. B mod N = 0 and
 * u = 0 are refused (a server that sends them could learn nothing else from a client that went on).
 */
export function passwordAuthenticationKey(input: {
  keys: SrpClientKeys;
  B: bigint;
  salt: bigint;
  poolName: string;
  userId: string;
  password: string;
}): Buffer {
  const { keys, B } = input;
  if (B % N === 0n) throw new SrpError('B mod N cannot be 0');
  const u = scrambler(keys.A, B);
  if (u === 0n) throw new SrpError('u cannot be 0');
  const x = passwordExponent(input.poolName, input.userId, input.password, input.salt);
  const base = (((B - K * powG(x)) % N) + N) % N;
  const S = modPow(base, keys.a + u * x);
  return derivedKey(S, u);
}

/** Base64 of HMAC-SHA256(key, poolName | userId | secret block bytes | timestamp). */
export function passwordClaimSignature(
  key: Buffer,
  poolName: string,
  userId: string,
  secretBlock: string,
  timestamp: string,
): string {
  return createHmac('sha256', key)
    .update(Buffer.from(poolName, 'utf8'))
    .update(Buffer.from(userId, 'utf8'))
    .update(Buffer.from(secretBlock, 'base64'))
    .update(Buffer.from(timestamp, 'utf8'))
    .digest('base64');
}

/** The values a verifier challenge must carry, each a non-empty string; a precise error otherwise. */
export function requireParameters<Name extends string>(
  challenge: string,
  parameters: Partial<Record<Name, unknown>> | undefined,
  names: readonly Name[],
): Record<Name, string> {
  const found = {} as Record<Name, string>;
  for (const name of names) {
    const value = parameters?.[name];
    if (typeof value !== 'string' || value.length === 0) {
      throw new SrpError(`${challenge} challenge without ${name}`);
    }
    found[name] = value;
  }
  return found;
}

/**
 * What both verifier challenges (a user's and a device's) are answered with: the key agreed from
 * SRP_B and SALT, and the signature under it over the secret block at `now`. `poolName` and
 * `userId` are what x hashes: the pool name and user id, or the device group key and device key.
 */
export function verifierProof(input: {
  keys: SrpClientKeys;
  challenge: { SALT: string; SRP_B: string; SECRET_BLOCK: string };
  poolName: string;
  userId: string;
  password: string;
  now: Date;
}): { PASSWORD_CLAIM_SIGNATURE: string; TIMESTAMP: string } {
  const { challenge } = input;
  const key = passwordAuthenticationKey({
    keys: input.keys,
    B: fromHex(challenge.SRP_B, 'SRP_B'),
    salt: fromHex(challenge.SALT, 'SALT'),
    poolName: input.poolName,
    userId: input.userId,
    password: input.password,
  });
  const timestamp = srpTimestamp(input.now);
  return {
    PASSWORD_CLAIM_SIGNATURE: passwordClaimSignature(
      key,
      input.poolName,
      input.userId,
      challenge.SECRET_BLOCK,
      timestamp,
    ),
    TIMESTAMP: timestamp,
  };
}

/**
 * The answer to PASSWORD_VERIFIER from its challenge parameters, the keys whose A was sent, the
 * pool id and the password; `now` is the moment the TIMESTAMP names.
 */
export function passwordVerifierResponses(input: {
  userPoolId: string;
  password: string;
  keys: SrpClientKeys;
  parameters: PasswordVerifierParameters;
  now?: Date;
}): PasswordVerifierResponses {
  const challenge = requireParameters('PASSWORD_VERIFIER', input.parameters, [
    'SALT',
    'SRP_B',
    'SECRET_BLOCK',
    'USER_ID_FOR_SRP',
  ]);
  const userId = challenge.USER_ID_FOR_SRP;
  const proof = verifierProof({
    keys: input.keys,
    challenge,
    poolName: srpPoolName(input.userPoolId),
    userId,
    password: input.password,
    now: input.now ?? new Date(),
  });
  return {
    USERNAME: userId,
    PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
    PASSWORD_CLAIM_SIGNATURE: proof.PASSWORD_CLAIM_SIGNATURE,
    TIMESTAMP: proof.TIMESTAMP,
  };
}
