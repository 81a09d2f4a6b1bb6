import type { RevocationCheck, RevocationStore } from './revocation.store.js';

/** The default store: one process's memory. Several instances need a shared store (Redis). */
export class MemoryRevocationStore implements RevocationStore {
  private readonly sessions = new Map<string, number>();
  private readonly users = new Map<string, { before: number; forgetAfter: number }>();
  private writes = 0;

  constructor(private readonly now: () => number = () => Math.floor(Date.now() / 1000)) {}

  async revokeSession(originJti: string, forgetAfter: number): Promise<void> {
    this.sessions.set(originJti, forgetAfter);
    this.sweepSometimes();
  }

  async revokeUser(sub: string, issuedBefore: number, forgetAfter: number): Promise<void> {
    const current = this.users.get(sub);
    this.users.set(sub, {
      before: Math.max(issuedBefore, current?.before ?? 0),
      forgetAfter: Math.max(forgetAfter, current?.forgetAfter ?? 0),
    });
    this.sweepSometimes();
  }

  async isRevoked(token: RevocationCheck): Promise<boolean> {
    if (token.originJti !== undefined && this.sessions.has(token.originJti)) return true;
    const user = this.users.get(token.sub);
    return user !== undefined && token.issuedAt < user.before;
  }

  /** Forgets expired entries every so many writes, so memory follows the live revocations only. */
  private sweepSometimes(): void {
    if (++this.writes % 256 !== 0) return;
    const now = this.now();
    for (const [key, until] of this.sessions) if (until < now) this.sessions.delete(key);
    for (const [key, entry] of this.users) if (entry.forgetAfter < now) this.users.delete(key);
  }
}
