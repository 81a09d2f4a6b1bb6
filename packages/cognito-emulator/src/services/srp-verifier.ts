import { randomBytes } from 'node:crypto';
import type { EmulatorContext } from '../context.js';
import type { Pool } from './model.js';
import { padHex, passwordExponent, powG } from './srp-group.js';

/** The pool name SRP hashes: the part of the pool id after the region. */
export const srpPoolName = (pool: Pool) => pool.id.slice(pool.id.indexOf('_') + 1);

/** A user's SRP verifier as stored: `srp$<salt hex>$<v hex>`, v = g^x mod N. */
export function srpVerifier(pool: Pool, username: string, password: string): string {
  const salt = BigInt(`0x${randomBytes(16).toString('hex')}`);
  const v = powG(passwordExponent(srpPoolName(pool), username, password, salt));
  return `srp$${padHex(salt)}$${padHex(v)}`;
}

/** The salt and verifier of a stored verifier, or undefined for anything else. */
export function parseSrpVerifier(stored: string | null): { salt: bigint; v: bigint } | undefined {
  const [scheme, salt, v] = stored?.split('$') ?? [];
  if (scheme !== 'srp' || !salt || !v) return undefined;
  return { salt: BigInt(`0x${salt}`), v: BigInt(`0x${v}`) };
}

/** What setting a password stores: the scrypt hash (password flows) and the SRP verifier. */
export interface PasswordSecrets {
  passwordHash: string;
  srpVerifier: string;
}

/** Both secrets of a new password of a user (the verifier hashes the user name and the pool's). */
export async function passwordSecrets(
  ctx: EmulatorContext,
  pool: Pool,
  username: string,
  password: string,
): Promise<PasswordSecrets> {
  return {
    passwordHash: await ctx.passwords.hash(password),
    srpVerifier: srpVerifier(pool, username, password),
  };
}
