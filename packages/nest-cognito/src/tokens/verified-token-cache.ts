import { createHash } from 'node:crypto';

interface Entry<T> {
  value: T;
  /** Until when the entry may answer, epoch milliseconds: min(exp + grace, stored + max lifetime). */
  until: number;
}

/**
 * Tokens already verified, so that a repeated token skips the signature check: a bounded LRU keyed
 * by the SHA-256 of the token (never the token itself). An entry lives at most until the token's
 * `exp` (plus the verifier's grace) and at most `maxTtlMs`; its expiry is checked on every hit.
 * Only successes are stored; `clear()` when the keys change.
 */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxTtlMs: number,
    private readonly graceSeconds = 0,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(token: string): T | undefined {
    if (this.maxEntries === 0) return undefined;
    const key = keyOf(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.until <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores a verified token's result until its `exp` (epoch seconds) at the latest. */
  set(token: string, value: T, exp: number): void {
    if (this.maxEntries === 0) return;
    const now = this.now();
    const until = Math.min((exp + this.graceSeconds) * 1000, now + this.maxTtlMs);
    if (until <= now) return;
    const key = keyOf(token);
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, until });
  }

  clear(): void {
    this.entries.clear();
  }
}

const keyOf = (token: string) => createHash('sha256').update(token).digest('base64url');
