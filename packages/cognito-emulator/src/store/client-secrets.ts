import { atomically, type Db } from './database.js';
import type { ClientSecret } from '../services/model.js';

interface SecretRow {
  id: string;
  secret: string;
  created_at: number;
}

/** How many secrets an app client may hold at once: the current one and its successor (AWS's limit). */
export const MAX_CLIENT_SECRETS = 2;

/** Why a secret could not be added or deleted. */
export type SecretRefusal = 'limit' | 'not-found' | 'last';

/**
 * App clients' secrets, apart from the client so that a client can hold two during a rotation.
 * Adding checks the count and deleting keeps the last one in the same transaction as the write:
 * concurrent calls cannot get past either rule.
 */
export class ClientSecretStore {
  /**
   * The newest creation time each client's secrets have had, deleted ones included: an id must not
   * come back after its secret is deleted, or a retried DeleteUserPoolClientSecret would remove the
   * secret that took it. Kept in memory: across a restart the clock has moved on (a frozen clock is
   * a test's, in one process).
   */
  private readonly newest = new Map<string, number>();

  constructor(private readonly db: Db) {}

  /** The client's secrets, oldest first. */
  ofClient(clientId: string): ClientSecret[] {
    const rows = this.db
      .prepare(
        'SELECT id, secret, created_at FROM client_secrets WHERE client_id = ? ORDER BY created_at, id',
      )
      .all(clientId) as SecretRow[];
    return rows.map((r) => ({ id: r.id, value: r.secret, createdAt: r.created_at }));
  }

  /**
   * Adds a secret unless the client holds the maximum already. Its id is `<client id>--<epoch ms>`;
   * a secret of a millisecond some secret of the client (current or deleted) already had is dated
   * one later, so that an id is never given twice.
   */
  add(clientId: string, value: string, now: number, max = MAX_CLIENT_SECRETS): ClientSecret | 'limit' {
    return atomically(this.db, () => {
      const current = this.ofClient(clientId);
      if (current.length >= max) return 'limit';
      const taken = [...current.map((s) => s.createdAt), this.newest.get(clientId) ?? -Infinity];
      const createdAt = Math.max(now, ...taken.map((t) => t + 1));
      const secret = { id: `${clientId}--${createdAt}`, value, createdAt };
      this.db
        .prepare('INSERT INTO client_secrets (id, client_id, secret, created_at) VALUES (?, ?, ?, ?)')
        .run(secret.id, clientId, value, createdAt);
      this.newest.set(clientId, createdAt);
      return secret;
    });
  }

  /** Deletes one of the client's secrets, never its last one. */
  delete(clientId: string, secretId: string): SecretRefusal | undefined {
    return atomically(this.db, () => {
      const current = this.ofClient(clientId);
      if (!current.some((s) => s.id === secretId)) return 'not-found';
      if (current.length === 1) return 'last';
      this.db.prepare('DELETE FROM client_secrets WHERE id = ? AND client_id = ?').run(secretId, clientId);
      return undefined;
    });
  }
}
