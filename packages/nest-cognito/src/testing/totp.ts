import { createHmac } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (case, blanks and padding ignored), as authenticator apps read secrets. */
function base32Decode(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.replace(/[\s=]+/g, '').toUpperCase()) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('totp: the secret is not base32');
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/**
 * The code an authenticator app shows for a base32 secret (`setUpTotp().secret`, or `totpSecret`
 * of `signInAs({ mfa: 'totp' })`) at a moment: RFC 6238 with HMAC-SHA-1, 6 digits and 30-second
 * steps, as Cognito checks it. For tests; `at` defaults to now. Cognito takes each step's code
 * once: for a second sign-in within the same 30 seconds, the next step's code
 * (`totp(secret, Date.now() + 30_000)`) is accepted, as a clock a little ahead would be.
 */
export function totp(secret: string, at: number | Date = Date.now()): string {
  const step = Math.floor((at instanceof Date ? at.getTime() : at) / 30_000);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
