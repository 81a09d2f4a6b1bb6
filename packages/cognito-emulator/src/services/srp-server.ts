import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { derivedKey, K, modPow, N, powG, scrambler } from './srp-group.js';

const random256 = () => BigInt(`0x${randomBytes(32).toString('hex')}`);

/**
 * The server's secret `b` (256 random bits) and public value B = k·v + g^b mod N: g^b in OpenSSL,
 * the product and sum in BigInt (one 3072-bit multiplication, microseconds).
 */
export function serverPublicValue(v: bigint): { b: bigint; B: bigint } {
  for (;;) {
    const b = random256();
    const B = (K * v + powG(b)) % N;
    if (B !== 0n) return { b, B };
  }
}

/**
 * The 16-byte key of the exchange on the server's side: S = (A · v^u)^b mod N (both powers in
 * OpenSSL, the product in BigInt), then HKDF with u. Undefined when u = 0 (no key can be agreed).
 */
export function serverKey(exchange: { A: bigint; B: bigint; b: bigint; v: bigint }): Buffer | undefined {
  const u = scrambler(exchange.A, exchange.B);
  if (u === 0n) return undefined;
  const S = modPow(((exchange.A % N) * modPow(exchange.v, u)) % N, exchange.b);
  return derivedKey(S, u);
}

/** Whether `signature` (base64) is HMAC-SHA256(key, poolName | userId | secret block | timestamp). */
export function signatureMatches(
  key: Buffer,
  message: { poolName: string; userId: string; secretBlock: string; timestamp: string },
  signature: string,
): boolean {
  const expected = createHmac('sha256', key)
    .update(Buffer.from(message.poolName, 'utf8'))
    .update(Buffer.from(message.userId, 'utf8'))
    .update(Buffer.from(message.secretBlock, 'base64'))
    .update(Buffer.from(message.timestamp, 'utf8'))
    .digest();
  const actual = Buffer.from(signature, 'base64');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIMESTAMP =
  /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]) UTC ([0-9]{4})$/;

/**
 * The instant (epoch ms) a TIMESTAMP names: "ddd MMM D HH:mm:ss UTC YYYY", English names, no
 * leading zero on the day, a weekday that matches the date. Undefined for anything else.
 */
export function parseSrpTimestamp(text: string): number | undefined {
  const match = TIMESTAMP.exec(text);
  if (!match) return undefined;
  const [, day, month, date, hours, minutes, seconds, year] = match;
  const at = Date.UTC(
    Number(year),
    MONTHS.indexOf(month!),
    Number(date),
    Number(hours),
    Number(minutes),
    Number(seconds),
  );
  const parsed = new Date(at);
  if (parsed.getUTCDate() !== Number(date) || DAYS[parsed.getUTCDay()] !== day) return undefined;
  return at;
}
