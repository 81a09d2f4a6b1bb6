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
  const { parameters } = input;
  for (const name of ['SALT', 'SRP_B', 'SECRET_BLOCK', 'USER_ID_FOR_SRP'] as const) {
    if (typeof parameters[name] !== 'string' || parameters[name].length === 0) {
      throw new SrpError(`PASSWORD_VERIFIER challenge without ${name}`);
    }
  }
  const poolName = srpPoolName(input.userPoolId);
  const userId = parameters.USER_ID_FOR_SRP;
  const key = passwordAuthenticationKey({
    keys: input.keys,
    B: fromHex(parameters.SRP_B, 'SRP_B'),
    salt: fromHex(parameters.SALT, 'SALT'),
    poolName,
    userId,
    password: input.password,
  });
  const timestamp = srpTimestamp(input.now ?? new Date());
  return {
    USERNAME: userId,
    PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK,
    PASSWORD_CLAIM_SIGNATURE: passwordClaimSignature(
      key,
      poolName,
      userId,
      parameters.SECRET_BLOCK,
      timestamp,
    ),
    TIMESTAMP: timestamp,
  };
}
