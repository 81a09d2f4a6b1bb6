import { atomically, type Db } from './database.js';

/** Consecutive wrong passwords before a lockout. */
export const FAILURES_BEFORE_LOCKOUT = 5;
/** The first lockout, doubled at each further failure up to `MAX_LOCKOUT_MS`. */
export const FIRST_LOCKOUT_MS = 1_000;
export const MAX_LOCKOUT_MS = 15 * 60_000;

/** How long a lockout lasts after `failures` consecutive failures (0 before the fifth). */
export function lockoutAfter(failures: number): number {
  if (failures < FAILURES_BEFORE_LOCKOUT) return 0;
  return Math.min(FIRST_LOCKOUT_MS * 2 ** (failures - FAILURES_BEFORE_LOCKOUT), MAX_LOCKOUT_MS);
}

/**
 * Cognito's protection against password guessing, on the users table: consecutive failed sign-ins
 * (`failed_sign_ins`) and the end of the lockout they caused (`locked_until`). Each update is one
 * statement (or one transaction), so that concurrent failures all count.
 */
export class LockoutStore {
  constructor(private readonly db: Db) {}

  /** Whether the user is locked out at `now`. */
  isLocked(poolId: string, username: string, now: number): boolean {
    const row = this.db
      .prepare('SELECT locked_until FROM users WHERE pool_id = ? AND username = ?')
      .get(poolId, username) as { locked_until: number | null } | undefined;
    return row?.locked_until !== null && row?.locked_until !== undefined && row.locked_until > now;
  }

  /** Counts a failed sign-in; from the fifth, locks the user out for a time that doubles. */
  fail(poolId: string, username: string, now: number): void {
    atomically(this.db, () => {
      const row = this.db
        .prepare(
          `UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE pool_id = ? AND username = ?
           RETURNING failed_sign_ins`,
        )
        .get(poolId, username) as { failed_sign_ins: number } | undefined;
      const lockout = row ? lockoutAfter(row.failed_sign_ins) : 0;
      if (lockout > 0) {
        this.db
          .prepare('UPDATE users SET locked_until = ? WHERE pool_id = ? AND username = ?')
          .run(now + lockout, poolId, username);
      }
    });
  }

  /** A successful sign-in: the count starts over. */
  succeed(poolId: string, username: string): void {
    this.db
      .prepare(
        `UPDATE users SET failed_sign_ins = 0, locked_until = NULL
         WHERE pool_id = ? AND username = ? AND (failed_sign_ins <> 0 OR locked_until IS NOT NULL)`,
      )
      .run(poolId, username);
  }
}
