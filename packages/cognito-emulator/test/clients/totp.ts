import { createHmac } from 'node:crypto';

/**
 * An authenticator app, written apart from the emulator's TOTP so that each checks the other: the
 * RFC 6238 code (HMAC-SHA-1, 30-second steps, 6 digits) of a base32 secret at a moment.
 */
export function appCode(secret: string, at: number, stepOffset = 0): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...secret.replace(/=/g, '')]
    .map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0'))
    .join('');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000) + stepOffset));
  const mac = createHmac('sha1', key).update(counter).digest();
  const start = mac[19]! & 15;
  const value =
    ((mac[start]! & 0x7f) << 24) | (mac[start + 1]! << 16) | (mac[start + 2]! << 8) | mac[start + 3]!;
  return String(value % 1_000_000).padStart(6, '0');
}
