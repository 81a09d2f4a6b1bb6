import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * What a started login keeps in the browser until its callback: the `state` and `nonce` sent to
 * Cognito, the PKCE verifier, where to go afterwards, and when it stops being valid.
 */
export interface LoginTransaction {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  /** Epoch seconds. */
  expiresAt: number;
}

/** The cookie value's longest acceptable length: a transaction seals to about 300 characters. */
const MAX_SEALED_LENGTH = 4096;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** 32 random bytes, base64url: a `state`, a `nonce` or a PKCE verifier (43 characters, RFC 7636's range). */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** The PKCE S256 challenge of a verifier (RFC 7636 §4.2). */
export const pkceChallenge = (verifier: string): string =>
  createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** A new transaction, valid for `lifetimeSeconds`. */
export function newTransaction(
  returnTo: string,
  lifetimeSeconds: number,
  now = Date.now(),
): LoginTransaction {
  return {
    state: randomToken(),
    nonce: randomToken(),
    verifier: randomToken(),
    returnTo,
    expiresAt: Math.floor(now / 1000) + lifetimeSeconds,
  };
}

/**
 * The transaction sealed with AES-256-GCM under the first key, bound to the cookie's name: the
 * browser can neither read the verifier and nonce nor change anything without the seal breaking.
 */
export function sealTransaction(transaction: LoginTransaction, keys: Buffer[], cookieName: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys[0]!, iv);
  cipher.setAAD(Buffer.from(cookieName));
  const body = Buffer.concat([cipher.update(JSON.stringify(transaction), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/**
 * The transaction a cookie value holds, or undefined when it is not one this server sealed (under
 * any of the keys), is malformed, or has expired.
 */
export function openTransaction(
  sealed: string | undefined,
  keys: Buffer[],
  cookieName: string,
  now = Date.now(),
): LoginTransaction | undefined {
  if (!sealed || sealed.length > MAX_SEALED_LENGTH || !/^[A-Za-z0-9_-]+$/.test(sealed)) return undefined;
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
  for (const key of keys) {
    const plain = decrypt(bytes, key, cookieName);
    if (plain === undefined) continue;
    const transaction = asTransaction(plain);
    return transaction && transaction.expiresAt > Math.floor(now / 1000) ? transaction : undefined;
  }
  return undefined;
}

/** Whether two strings are equal, in time that does not depend on where they differ. */
export function sameValue(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function decrypt(bytes: Buffer, key: Buffer, cookieName: string): string | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(cookieName));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return undefined;
  }
}

function asTransaction(plain: string): LoginTransaction | undefined {
  let value: unknown;
  try {
    value = JSON.parse(plain);
  } catch {
    return undefined;
  }
  const t = value as Partial<LoginTransaction> | null;
  const strings = [t?.state, t?.nonce, t?.verifier, t?.returnTo];
  if (!strings.every((s) => typeof s === 'string' && s.length > 0) || typeof t?.expiresAt !== 'number') {
    return undefined;
  }
  return t as LoginTransaction;
}
