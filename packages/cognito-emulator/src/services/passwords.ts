import { createHmac, randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { CognitoError } from '../errors.js';
import type { PasswordPolicy } from './model.js';

const SYMBOLS = new Set('^$*.[]{}()?-"!@#%&/\\,><\':;|_~`+='.split(''));

/** Checks a password against a pool's policy, with the messages Cognito uses. */
export function assertPasswordConforms(password: string, policy: PasswordPolicy): void {
  const fail = (reason: string) =>
    new CognitoError('InvalidPasswordException', `Password did not conform with policy: ${reason}`);
  if (password.length < policy.MinimumLength) throw fail('Password not long enough');
  if (policy.RequireLowercase && !/\p{Ll}/u.test(password))
    throw fail('Password must have lowercase characters');
  if (policy.RequireUppercase && !/\p{Lu}/u.test(password))
    throw fail('Password must have uppercase characters');
  if (policy.RequireNumbers && !/[0-9]/.test(password)) throw fail('Password must have numeric characters');
  if (policy.RequireSymbols && !hasSymbol(password)) throw fail('Password must have symbol characters');
}

/** A temporary password that meets the policy: at least 12 characters, one of each class. */
export function generatePassword(policy: PasswordPolicy): string {
  const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '^$*.!@#%&-_+='];
  const all = classes.join('');
  const pick = (alphabet: string) => alphabet[randomBytes(1)[0]! % alphabet.length]!;
  const chars = classes.map(pick);
  while (chars.length < Math.max(12, policy.MinimumLength)) chars.push(pick(all));
  // Shuffle so that the classes do not always come first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomBytes(1)[0]! % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

function hasSymbol(password: string): boolean {
  for (let i = 0; i < password.length; i++) {
    const c = password[i]!;
    if (SYMBOLS.has(c)) return true;
    // A space counts as a symbol when it is neither leading nor trailing.
    if (c === ' ' && i > 0 && i < password.length - 1) return true;
  }
  return false;
}

function scryptAsync(
  password: string,
  salt: Buffer,
  keylen: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/**
 * Passwords at rest: salted scrypt (`scrypt$<logN>$<r>$<p>$<salt>$<hash>`), run on libuv's thread
 * pool. Successful checks are remembered briefly under an HMAC of (stored hash, password) with a key
 * that lives only in this process, so repeated sign-ins skip the KDF without keeping any password.
 */
export class PasswordHasher {
  private readonly memoKey = randomBytes(32);
  private readonly memo = new Map<string, number>();

  constructor(
    private readonly logN = 12,
    private readonly memoMs = 5 * 60_000,
    private readonly memoSize = 10_000,
  ) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scryptAsync(password, salt, 32, this.options(this.logN));
    return `scrypt$${this.logN}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
  }

  async verify(password: string, stored: string | null): Promise<boolean> {
    if (!stored) return false;
    const memoId = createHmac('sha256', this.memoKey)
      .update(stored)
      .update('\0')
      .update(password)
      .digest('base64');
    const until = this.memo.get(memoId);
    if (until !== undefined && until > Date.now()) return true;
    const [scheme, logN, r, p, salt, hash] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !hash) return false;
    const expected = Buffer.from(hash, 'base64');
    const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
      ...this.options(Number(logN)),
      r: Number(r),
      p: Number(p),
    });
    const ok = timingSafeEqual(actual, expected);
    if (ok) this.remember(memoId);
    return ok;
  }

  private remember(memoId: string): void {
    if (this.memo.size >= this.memoSize) {
      const oldest = this.memo.keys().next().value;
      if (oldest !== undefined) this.memo.delete(oldest);
    }
    this.memo.set(memoId, Date.now() + this.memoMs);
  }

  private options(logN: number): ScryptOptions {
    const N = 2 ** logN;
    return { N, r: 8, p: 1, maxmem: 256 * N * 8 + 1024 * 1024 };
  }
}
