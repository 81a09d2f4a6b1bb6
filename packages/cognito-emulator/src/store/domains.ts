import type { Db } from './database.js';
import type { PoolDomain } from '../services/model.js';

interface DomainRow {
  domain: string;
  pool_id: string;
  kind: 'prefix' | 'custom';
  certificate_arn: string | null;
  security_policy: string | null;
  managed_login_version: number;
  created_at: number;
}

/** Why a domain could not be added: the name is someone's already, or the pool has one of its kind. */
export type DomainConflict = 'taken' | 'pool-has-one';

const toDomain = (row: DomainRow): PoolDomain => ({
  domain: row.domain,
  poolId: row.pool_id,
  kind: row.kind,
  managedLoginVersion: row.managed_login_version,
  createdAt: row.created_at,
  ...(row.certificate_arn !== null ? { certificateArn: row.certificate_arn } : {}),
  ...(row.security_policy !== null ? { securityPolicy: row.security_policy } : {}),
});

/**
 * Pools' domains. A domain name is unique across the emulator (its primary key) and a pool has at
 * most one domain of each kind (a unique index): both hold in the store, whatever the timing of
 * concurrent creates.
 */
export class DomainStore {
  constructor(private readonly db: Db) {}

  /** Adds a domain, or tells which uniqueness rule refuses it. One statement: atomic. */
  insert(domain: PoolDomain): DomainConflict | undefined {
    const result = this.db
      .prepare(
        `INSERT INTO domains (domain, pool_id, kind, certificate_arn, security_policy, managed_login_version, created_at)
         SELECT ?, ?, ?, ?, ?, ?, ?
          WHERE NOT EXISTS (SELECT 1 FROM domains WHERE domain = ? OR (pool_id = ? AND kind = ?))`,
      )
      .run(
        domain.domain,
        domain.poolId,
        domain.kind,
        domain.certificateArn ?? null,
        domain.securityPolicy ?? null,
        domain.managedLoginVersion,
        domain.createdAt,
        domain.domain,
        domain.poolId,
        domain.kind,
      );
    if (result.changes === 1) return undefined;
    return this.find(domain.domain) ? 'taken' : 'pool-has-one';
  }

  find(domain: string): PoolDomain | undefined {
    const row = this.db.prepare('SELECT * FROM domains WHERE domain = ?').get(domain) as
      DomainRow | undefined;
    return row && toDomain(row);
  }

  /** The pool's domains, the prefix one first. */
  ofPool(poolId: string): PoolDomain[] {
    const rows = this.db
      .prepare("SELECT * FROM domains WHERE pool_id = ? ORDER BY kind = 'custom', domain")
      .all(poolId) as DomainRow[];
    return rows.map(toDomain);
  }

  update(domain: PoolDomain): void {
    this.db
      .prepare(
        'UPDATE domains SET certificate_arn = ?, security_policy = ?, managed_login_version = ? WHERE domain = ?',
      )
      .run(
        domain.certificateArn ?? null,
        domain.securityPolicy ?? null,
        domain.managedLoginVersion,
        domain.domain,
      );
  }

  /** Deletes the pool's domain of that name; whether there was one. */
  delete(poolId: string, domain: string): boolean {
    return (
      this.db.prepare('DELETE FROM domains WHERE domain = ? AND pool_id = ?').run(domain, poolId).changes ===
      1
    );
  }
}
