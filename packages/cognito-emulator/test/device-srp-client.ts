import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * A small SRP-6a client, written for the tests on plain BigInt (none of the emulator's code): what a
 * client library computes for ConfirmDevice's verifier and for the PASSWORD_VERIFIER and
 * DEVICE_PASSWORD_VERIFIER answers. Cognito's conventions: RFC 5054's 3072-bit group with g = 2,
 * Java-style hex padding, H = SHA-256, an HKDF-derived 16-byte key ("Caldera Derived Key").
 */
const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
const G = 2n;

function modPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = ((base % N) + N) % N;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % N;
    b = (b * b) % N;
  }
  return result;
}

/** Hex of a non-negative integer, even length, `00` in front when the top bit is set. */
function padHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const H = (hex: string) => BigInt(`0x${sha256(Buffer.from(hex, 'hex'))}`);
const k = H(padHex(N) + padHex(G));
const random = (bytes: number) => BigInt(`0x${randomBytes(bytes).toString('hex')}`);

/**
 * x = H(salt | H(name | id | ":" | password)): the pool's name and the user id for a user, the
 * device group key and the device key for a device.
 */
const exponent = (name: string, id: string, password: string, salt: bigint) =>
  H(padHex(salt) + sha256(Buffer.from(`${name}${id}:${password}`, 'utf8')));

/** A device's random password and the verifier configuration ConfirmDevice takes for it. */
export function deviceSecret(groupKey: string, deviceKey: string) {
  const password = randomBytes(40).toString('base64');
  const salt = random(16);
  const v = modPow(G, exponent(groupKey, deviceKey, password, salt));
  return {
    password,
    verifierConfig: {
      PasswordVerifier: Buffer.from(padHex(v), 'hex').toString('base64'),
      Salt: Buffer.from(padHex(salt), 'hex').toString('base64'),
    },
  };
}

/** The client's secret a and public A = g^a for SRP_A. */
export function srpStart() {
  const a = random(32);
  return { a, A: modPow(G, a) };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Cognito's TIMESTAMP: "Mon Nov 2 09:05:07 UTC 2026". */
export function srpTimestamp(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAYS[at.getUTCDay()]} ${MONTHS[at.getUTCMonth()]} ${at.getUTCDate()} ` +
    `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())} UTC ${at.getUTCFullYear()}`
  );
}

/**
 * The PASSWORD_CLAIM_SIGNATURE of a (DEVICE_)PASSWORD_VERIFIER answer: S = (B - k·g^x)^(a + u·x),
 * the HKDF key from S and u, then HMAC-SHA256 over name | id | secret block | timestamp.
 */
export function passwordClaim(options: {
  name: string;
  id: string;
  password: string;
  start: { a: bigint; A: bigint };
  parameters: Record<string, string>;
  timestamp: string;
}): string {
  const { name, id, password, start, parameters, timestamp } = options;
  const B = BigInt(`0x${parameters.SRP_B}`);
  const salt = BigInt(`0x${parameters.SALT}`);
  const u = H(padHex(start.A) + padHex(B));
  const x = exponent(name, id, password, salt);
  const S = modPow(B - k * modPow(G, x), start.a + u * x);
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex'))
    .update(Buffer.from(padHex(S), 'hex'))
    .digest();
  const key = createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]))
    .digest()
    .subarray(0, 16);
  return createHmac('sha256', key)
    .update(Buffer.from(name, 'utf8'))
    .update(Buffer.from(id, 'utf8'))
    .update(Buffer.from(parameters.SECRET_BLOCK!, 'base64'))
    .update(Buffer.from(timestamp, 'utf8'))
    .digest('base64');
}
