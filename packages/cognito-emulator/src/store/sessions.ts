import { atomically, type Db } from './database.js';

/** One sign-in: keyed by the `origin_jti` every token of it carries. */
export interface SessionRow {
  origin_jti: string;
  pool_id: string;
  client_id: string;
  username: string;
  auth_time: number;
  expires_at: number;
  revoked: number;
  /** The device the session's tokens were issued to (their `device_key` claim), if any. */
  device_key: string | null;
  /** The scopes granted at the authorization endpoint, space-separated; null for an API sign-in. */
  scope: string | null;
}

/** A session as one of its refresh tokens finds it, with that token's retirement (null: current). */
export type RefreshTokenRow = SessionRow & { retired_until: number | null };

/**
 * The sessions table (one row per sign-in; revoking a row revokes every token of that sign-in) and
 * its refresh tokens (one per sign-in, more where rotation replaced them), by the hash of each.
 */
export class SessionStore {
  constructor(private readonly db: Db) {}

  /** A new sign-in and its first refresh token. */
  insert(session: Omit<SessionRow, 'revoked'>, refreshHash: string): void {
    atomically(this.db, () => {
      this.db
        .prepare(
          `INSERT INTO sessions (origin_jti, refresh_hash, pool_id, client_id, username, auth_time, expires_at,
             device_key, scope)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          session.origin_jti,
          refreshHash,
          session.pool_id,
          session.client_id,
          session.username,
          session.auth_time,
          session.expires_at,
          session.device_key,
          session.scope,
        );
      this.db
        .prepare('INSERT INTO refresh_tokens (hash, origin_jti) VALUES (?, ?)')
        .run(refreshHash, session.origin_jti);
    });
  }

  /** The session whose refresh token hashes to `refreshHash`, live or not, retired or not. */
  findByRefreshHash(refreshHash: string): RefreshTokenRow | undefined {
    return this.db
      .prepare(
        `SELECT s.*, t.retired_until FROM refresh_tokens t JOIN sessions s ON s.origin_jti = t.origin_jti
         WHERE t.hash = ?`,
      )
      .get(refreshHash) as RefreshTokenRow | undefined;
  }

  /**
   * Replaces a refresh token with a new one of the same session (rotation), in one step: the old
   * token is retired until `retiredUntil` (the end of its grace period) and the new one added. A
   * token already retired still rotates (a client's retry) while `now` is before its end of grace.
   * False, with nothing written, otherwise: of concurrent rotations of one token without a grace
   * period, only the one whose conditional update retired it wins.
   */
  rotate(oldHash: string, newHash: string, retiredUntil: number, now: number): boolean {
    return atomically(this.db, () => {
      const retired = this.db
        .prepare('UPDATE refresh_tokens SET retired_until = ? WHERE hash = ? AND retired_until IS NULL')
        .run(retiredUntil, oldHash).changes;
      const row = this.db
        .prepare('SELECT origin_jti, retired_until FROM refresh_tokens WHERE hash = ?')
        .get(oldHash) as { origin_jti: string; retired_until: number } | undefined;
      if (!row || (retired === 0 && row.retired_until <= now)) return false;
      this.db
        .prepare('INSERT INTO refresh_tokens (hash, origin_jti) VALUES (?, ?)')
        .run(newHash, row.origin_jti);
      return true;
    });
  }

  /** Whether the session exists and is not revoked (access tokens of a revoked one stop working). */
  isLive(originJti: string): boolean {
    const row = this.db.prepare('SELECT revoked FROM sessions WHERE origin_jti = ?').get(originJti) as
      { revoked: number } | undefined;
    return row !== undefined && !row.revoked;
  }

  revoke(originJti: string): void {
    this.db.prepare('UPDATE sessions SET revoked = 1 WHERE origin_jti = ?').run(originJti);
  }

  /** Revokes every session of a user (global sign-out). */
  revokeUser(poolId: string, username: string): void {
    this.db
      .prepare('UPDATE sessions SET revoked = 1 WHERE pool_id = ? AND username = ?')
      .run(poolId, username);
  }
}
