import type { Db } from './database.js';
import type { ResourceServer } from '../services/model.js';

interface ResourceServerRow {
  pool_id: string;
  identifier: string;
  name: string;
  scopes: string;
}

const toServer = (row: ResourceServerRow): ResourceServer => ({
  poolId: row.pool_id,
  identifier: row.identifier,
  name: row.name,
  scopes: JSON.parse(row.scopes) as ResourceServer['scopes'],
});

/** Pools' resource servers; an identifier is unique in its pool (the primary key). */
export class ResourceServerStore {
  constructor(private readonly db: Db) {}

  /** Adds a resource server; false when the pool has one of that identifier already. Atomic. */
  insert(server: ResourceServer, now: number): boolean {
    return (
      this.db
        .prepare(
          'INSERT OR IGNORE INTO resource_servers (pool_id, identifier, name, scopes, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(server.poolId, server.identifier, server.name, JSON.stringify(server.scopes), now).changes === 1
    );
  }

  find(poolId: string, identifier: string): ResourceServer | undefined {
    const row = this.db
      .prepare('SELECT * FROM resource_servers WHERE pool_id = ? AND identifier = ?')
      .get(poolId, identifier) as ResourceServerRow | undefined;
    return row && toServer(row);
  }

  /** Replaces a resource server's name and scopes; false when it no longer exists. */
  update(server: ResourceServer): boolean {
    return (
      this.db
        .prepare('UPDATE resource_servers SET name = ?, scopes = ? WHERE pool_id = ? AND identifier = ?')
        .run(server.name, JSON.stringify(server.scopes), server.poolId, server.identifier).changes === 1
    );
  }

  delete(poolId: string, identifier: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM resource_servers WHERE pool_id = ? AND identifier = ?')
        .run(poolId, identifier).changes === 1
    );
  }

  /** Up to `limit` resource servers of a pool after the given identifier, in identifier order. */
  list(poolId: string, limit: number, after = ''): ResourceServer[] {
    const rows = this.db
      .prepare(
        'SELECT * FROM resource_servers WHERE pool_id = ? AND identifier > ? ORDER BY identifier LIMIT ?',
      )
      .all(poolId, after, limit) as ResourceServerRow[];
    return rows.map(toServer);
  }
}
