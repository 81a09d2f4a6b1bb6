import { createDiffieHellman, createHash, createHmac } from 'node:crypto';

/** RFC 5054's 3072-bit group (RFC 3526 group 15), the one Cognito's SRP runs in; g = 2. */
export const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

const N_BYTES = Buffer.from(N_HEX, 'hex');
export const N = BigInt(`0x${N_HEX}`);
export const G = 2n;

/**
 * Cognito's hex of a non-negative integer (Java's `BigInteger.toByteArray`): an even number of
 * digits, and `00` in front when the first digit has its top bit set.
 */
export function padHex(value: bigint): string {
  if (value < 0n) throw new RangeError('SRP values are non-negative');
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

/** A big-endian unsigned integer from hex; a precise error for anything that is not hex. */
export function fromHex(hex: string, name: string): bigint {
  if (!/^[0-9a-fA-F]+$/.test(hex)) throw new SrpError(`${name} is not a hexadecimal number`);
  return BigInt(`0x${hex}`);
}

export const sha256Hex = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** SHA-256 of the bytes a hex string spells, as hex (`H(...)` of Cognito's SRP). */
export const hashOfHex = (hex: string): string => sha256Hex(Buffer.from(hex, 'hex'));

/** k = H(N | g) over Cognito's hex of each. */
export const K = BigInt(`0x${hashOfHex(padHex(N) + padHex(G))}`);

/** u = H(A | B), the scrambler both sides compute from the public values. */
export const scrambler = (A: bigint, B: bigint): bigint => BigInt(`0x${hashOfHex(padHex(A) + padHex(B))}`);

/** x = H(salt | H(poolName | userId | ":" | password)). */
export function passwordExponent(poolName: string, userId: string, password: string, salt: bigint): bigint {
  const inner = sha256Hex(Buffer.from(`${poolName}${userId}:${password}`, 'utf8'));
  return BigInt(`0x${hashOfHex(padHex(salt) + inner)}`);
}

/**
 * The 16-byte key both sides derive from S: HKDF-SHA256 with u as the salt and "Caldera Derived
 * Key" as the info, first block only.
 */
export function derivedKey(S: bigint, u: bigint): Buffer {
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex'))
    .update(Buffer.from(padHex(S), 'hex'))
    .digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]))
    .digest()
    .subarray(0, 16);
}

const toBytes = (value: bigint): Buffer => {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
};

/** A big-endian unsigned integer from bytes (OpenSSL's answers; leading zero bytes are harmless). */
const fromBytes = (bytes: Buffer): bigint => BigInt(`0x${bytes.toString('hex') || '0'}`);

/**
 * A Diffie-Hellman context over N whose private key is `exponent`: OpenSSL's constant-time
 * modular exponentiation in Montgomery form, far faster than BigInt (a 256-bit exponent costs
 * ~0.7 ms here, against ~6 ms in BigInt). OpenSSL takes exponents of any size, N's or larger.
 */
function exponentiator(exponent: bigint) {
  const dh = createDiffieHellman(N_BYTES, 2);
  dh.setPrivateKey(toBytes(exponent));
  return dh;
}

/**
 * base^exponent mod N in OpenSSL: the secret a Diffie-Hellman key whose private key is the
 * exponent shares with the "public key" `base`. OpenSSL takes bases in [2, N - 2] only, and
 * refuses a secret of 1 or N - 1 (OpenSSL 3); those cases are answered here, the last one from
 * base^(exponent - 1), which cannot be ±1 too for a base other than ±1.
 */
export function modPow(base: bigint, exponent: bigint): bigint {
  if (exponent < 0n) throw new RangeError('SRP exponents are non-negative');
  const b = ((base % N) + N) % N;
  if (exponent === 0n) return 1n;
  if (b === 0n || b === 1n) return b;
  if (b === N - 1n) return exponent % 2n === 0n ? 1n : N - 1n;
  const secret = (e: bigint) => fromBytes(exponentiator(e).computeSecret(toBytes(b)));
  try {
    return secret(exponent);
  } catch (error) {
    // b^1 = b is never ±1 here: any other refusal is not this one.
    if (exponent === 1n) throw error;
    return (secret(exponent - 1n) * b) % N;
  }
}

/** g^exponent mod N (a public value: A, or a verifier): the public key of that private key. */
export function powG(exponent: bigint): bigint {
  if (exponent < 0n) throw new RangeError('SRP exponents are non-negative');
  return exponent === 0n ? 1n : fromBytes(exponentiator(exponent).generateKeys());
}

/** A step of SRP that cannot go on with the values it was given. */
export class SrpError extends Error {
  override name = 'SrpError';
}
