import type { Db } from './database.js';

/** One sign-in: keyed by the `origin_jti` every token of it carries, holding its refresh token's hash. */
export interface SessionRow {
  origin_jti: string;
  pool_id: string;
  client_id: string;
  username: string;
  auth_time: number;
  expires_at: number;
  revoked: number;
}

/** The sessions table: one row per sign-in; revoking a row revokes every token of that sign-in. */
export class SessionStore {
  constructor(private readonly db: Db) {}

  insert(session: Omit<SessionRow, 'revoked'>, refreshHash: string): void {
    this.db
      .prepare(
        `INSERT INTO sessions (origin_jti, refresh_hash, pool_id, client_id, username, auth_time, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        session.origin_jti,
        refreshHash,
        session.pool_id,
        session.client_id,
        session.username,
        session.auth_time,
        session.expires_at,
      );
  }

  /** The session whose refresh token hashes to `refreshHash`, live or not. */
  findByRefreshHash(refreshHash: string): SessionRow | undefined {
    return this.db.prepare('SELECT * FROM sessions WHERE refresh_hash = ?').get(refreshHash) as
      SessionRow | undefined;
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
