import { CognitoError, resourceNotFound } from '../errors.js';
import { regionOfPool } from '../ids.js';
import { atomically, type Db } from './database.js';
import { ClientSecretStore, type SecretRefusal } from './client-secrets.js';
import { loadSigningKey, type SigningKey } from '../services/keys.js';
import type { Client, ClientConfig, ClientSecret, Pool, PoolConfig } from '../services/model.js';

interface PoolRow {
  id: string;
  config: string;
  signing_key: string;
  kid: string;
  created_at: number;
  updated_at: number;
}
interface ClientRow {
  id: string;
  pool_id: string;
  config: string;
  created_at: number;
  updated_at: number;
}

/**
 * User pools and their app clients. Both are read on every request, so they are kept in memory
 * once loaded; every write goes to the database first and then replaces the cached copy.
 */
export class PoolService {
  private readonly pools = new Map<string, Pool>();
  private readonly clients = new Map<string, Client>();
  private readonly keys = new Map<string, SigningKey>();
  private readonly secrets: ClientSecretStore;

  constructor(private readonly db: Db) {
    this.secrets = new ClientSecretStore(db);
  }

  insertPool(pool: Pool): void {
    this.db
      .prepare(
        'INSERT INTO pools (id, name, config, signing_key, kid, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        pool.id,
        pool.config.Name,
        JSON.stringify(pool.config),
        pool.signingKeyPem,
        pool.kid,
        pool.createdAt,
        pool.updatedAt,
      );
    this.pools.set(pool.id, pool);
  }

  updatePool(pool: Pool): void {
    this.db
      .prepare('UPDATE pools SET name = ?, config = ?, updated_at = ? WHERE id = ?')
      .run(pool.config.Name, JSON.stringify(pool.config), pool.updatedAt, pool.id);
    this.pools.set(pool.id, pool);
  }

  deletePool(id: string): void {
    const del = this.db.transaction(() => {
      this.db.prepare('DELETE FROM sessions WHERE pool_id = ?').run(id);
      this.db.prepare('DELETE FROM codes WHERE pool_id = ?').run(id);
      this.db.prepare('DELETE FROM messages WHERE pool_id = ?').run(id);
      this.db.prepare('DELETE FROM memberships WHERE pool_id = ?').run(id);
      this.db.prepare('DELETE FROM devices WHERE pool_id = ?').run(id);
      this.db.prepare('DELETE FROM user_mfa WHERE pool_id = ?').run(id);
      this.db.prepare('DELETE FROM groups WHERE pool_id = ?').run(id);
      this.db.prepare('DELETE FROM users WHERE pool_id = ?').run(id);
      this.db.prepare('DELETE FROM resource_servers WHERE pool_id = ?').run(id);
      this.db.prepare('DELETE FROM domains WHERE pool_id = ?').run(id);
      this.db
        .prepare('DELETE FROM client_secrets WHERE client_id IN (SELECT id FROM clients WHERE pool_id = ?)')
        .run(id);
      this.db.prepare('DELETE FROM clients WHERE pool_id = ?').run(id);
      this.db.prepare('DELETE FROM pools WHERE id = ?').run(id);
    });
    del();
    this.pools.delete(id);
    this.keys.delete(id);
    for (const [clientId, client] of this.clients) if (client.poolId === id) this.clients.delete(clientId);
  }

  findPool(id: string): Pool | undefined {
    const cached = this.pools.get(id);
    if (cached) return cached;
    const row = this.db.prepare('SELECT * FROM pools WHERE id = ?').get(id) as PoolRow | undefined;
    if (!row) return undefined;
    const pool: Pool = {
      id: row.id,
      config: JSON.parse(row.config) as PoolConfig,
      signingKeyPem: row.signing_key,
      kid: row.kid,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    this.pools.set(id, pool);
    return pool;
  }

  /** The pool, or Cognito's `ResourceNotFoundException`. */
  getPool(id: string): Pool {
    const pool = this.findPool(id);
    if (!pool) throw resourceNotFound(`User pool ${id} does not exist.`);
    return pool;
  }

  listPoolIds(): string[] {
    return (this.db.prepare('SELECT id FROM pools ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  }

  /** Up to `limit` pools after the given id, in id order. */
  listPools(limit: number, after = ''): Pool[] {
    const rows = this.db
      .prepare('SELECT id FROM pools WHERE id > ? ORDER BY id LIMIT ?')
      .all(after, limit) as {
      id: string;
    }[];
    return rows.map((r) => this.getPool(r.id));
  }

  /**
   * Replaces a pool's signing key (emulator only: AWS never rotates a pool's keys on request). For
   * testing how a resource server copes with key rotation; tokens signed before no longer verify.
   */
  rotateSigningKey(poolId: string, pem: string, kid: string): void {
    const pool = this.getPool(poolId);
    this.db.prepare('UPDATE pools SET signing_key = ?, kid = ? WHERE id = ?').run(pem, kid, poolId);
    this.pools.set(poolId, { ...pool, signingKeyPem: pem, kid });
    this.keys.delete(poolId);
  }

  signingKey(poolId: string): SigningKey {
    let key = this.keys.get(poolId);
    if (!key) {
      const pool = this.getPool(poolId);
      key = loadSigningKey(pool.signingKeyPem, pool.kid);
      this.keys.set(poolId, key);
    }
    return key;
  }

  /** Stores a new client with its secret (`client.secret`), if it has one. */
  insertClient(client: Client): void {
    const stored = atomically(this.db, () => {
      this.db
        .prepare('INSERT INTO clients (id, pool_id, config, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(client.id, client.poolId, JSON.stringify(client.config), client.createdAt, client.updatedAt);
      const first = client.secret && this.secrets.add(client.id, client.secret, client.createdAt);
      return withSecrets(client, first && first !== 'limit' ? [first] : []);
    });
    this.clients.set(client.id, stored);
  }

  /** Replaces a client's settings; its secrets are kept (they change only through the secret operations). */
  updateClient(client: Client): void {
    this.db
      .prepare('UPDATE clients SET config = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(client.config), client.updatedAt, client.id);
    this.clients.set(client.id, withSecrets(client, this.secrets.ofClient(client.id)));
  }

  /** Adds a secret to a client (AddUserPoolClientSecret), unless it holds two already. */
  addClientSecret(client: Client, value: string, now: number): ClientSecret | 'limit' {
    const added = this.secrets.add(client.id, value, now);
    this.clients.set(client.id, withSecrets(client, this.secrets.ofClient(client.id)));
    return added;
  }

  /** Deletes one of a client's secrets (DeleteUserPoolClientSecret), never the last one. */
  deleteClientSecret(client: Client, secretId: string): SecretRefusal | undefined {
    const refused = this.secrets.delete(client.id, secretId);
    this.clients.set(client.id, withSecrets(client, this.secrets.ofClient(client.id)));
    return refused;
  }

  deleteClient(id: string): void {
    const del = this.db.transaction(() => {
      this.db.prepare('UPDATE sessions SET revoked = 1 WHERE client_id = ?').run(id);
      this.db.prepare('DELETE FROM clients WHERE id = ?').run(id);
    });
    del();
    this.clients.delete(id);
  }

  findClient(id: string): Client | undefined {
    const cached = this.clients.get(id);
    if (cached) return cached;
    const row = this.db.prepare('SELECT * FROM clients WHERE id = ?').get(id) as ClientRow | undefined;
    if (!row) return undefined;
    const base: Client = {
      id: row.id,
      poolId: row.pool_id,
      config: JSON.parse(row.config) as ClientConfig,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    const client = withSecrets(base, this.secrets.ofClient(id));
    this.clients.set(id, client);
    return client;
  }

  /** The client of an operation that names only a client id (SignUp, InitiateAuth, ...). */
  getClient(id: string): Client {
    const client = this.findClient(id);
    if (!client || !this.findPool(client.poolId))
      throw resourceNotFound(`User pool client ${id} does not exist.`);
    return client;
  }

  /** The client of an admin operation, which must belong to the given pool. */
  getClientOfPool(poolId: string, clientId: string): Client {
    this.getPool(poolId);
    const client = this.findClient(clientId);
    if (!client || client.poolId !== poolId) {
      throw resourceNotFound(`User pool client ${clientId} does not exist.`);
    }
    return client;
  }

  listClientIds(poolId: string): string[] {
    return this.listClients(poolId, Number.MAX_SAFE_INTEGER).map((c) => c.id);
  }

  /** Up to `limit` clients of a pool after the given id, in id order. */
  listClients(poolId: string, limit: number, after = ''): Client[] {
    const rows = this.db
      .prepare('SELECT id FROM clients WHERE pool_id = ? AND id > ? ORDER BY id LIMIT ?')
      .all(poolId, after, limit) as { id: string }[];
    return rows.map((r) => this.getClient(r.id));
  }
}

/**
 * The client with its current secrets; `secret`, the one DescribeUserPoolClient shows, is the
 * oldest (the one the client was created with, until a rotation deletes it).
 */
function withSecrets(client: Client, secrets: ClientSecret[]): Client {
  const { secret: _old, secrets: _oldList, ...rest } = client;
  return secrets.length > 0 ? { ...rest, secret: secrets[0]!.value, secrets } : rest;
}

/** Whether a client allows an auth flow, by its `ALLOW_*` name or the legacy one. */
export function clientAllowsFlow(client: Client, flow: string): boolean {
  const flows = client.config.ExplicitAuthFlows ?? DEFAULT_AUTH_FLOWS;
  const allowed = (name: string) => flows.includes(name);
  switch (flow) {
    case 'USER_PASSWORD_AUTH':
      return allowed('ALLOW_USER_PASSWORD_AUTH') || allowed('USER_PASSWORD_AUTH');
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      return allowed('ALLOW_ADMIN_USER_PASSWORD_AUTH') || allowed('ADMIN_NO_SRP_AUTH');
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      // A rotating client refreshes through GetTokensFromRefreshToken only: AWS documents rotation
      // as incompatible with REFRESH_TOKEN_AUTH, which such a client must not allow.
      if (client.config.RefreshTokenRotation?.Feature === 'ENABLED') return false;
      return allowed('ALLOW_REFRESH_TOKEN_AUTH') || !flows.some((f) => f.startsWith('ALLOW_'));
    case 'USER_SRP_AUTH':
      return allowed('ALLOW_USER_SRP_AUTH') || !flows.some((f) => f.startsWith('ALLOW_'));
    case 'CUSTOM_AUTH':
      return allowed('ALLOW_CUSTOM_AUTH') || allowed('CUSTOM_AUTH_FLOW_ONLY');
    case 'USER_AUTH':
      return allowed('ALLOW_USER_AUTH');
    default:
      return false;
  }
}

/** What a client allows when it was created without `ExplicitAuthFlows`. */
export const DEFAULT_AUTH_FLOWS = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'];

export function assertFlowEnabled(client: Client, flow: string): void {
  if (!clientAllowsFlow(client, flow)) {
    throw new CognitoError('InvalidParameterException', `${flow} flow not enabled for this client`);
  }
}

/** A pool as ListUserPools lists it (`UserPoolDescriptionType`). */
export function summarizePool(pool: Pool) {
  return {
    Id: pool.id,
    Name: pool.config.Name,
    LambdaConfig: (pool.config.LambdaConfig ?? {}) as object,
    LastModifiedDate: pool.updatedAt / 1000,
    CreationDate: pool.createdAt / 1000,
  };
}

/** A pool as DescribeUserPool and CreateUserPool describe it (`UserPoolType`). */
export function describePool(pool: Pool, estimatedNumberOfUsers: number): Record<string, unknown> {
  // The MFA factors are GetUserPoolMfaConfig's to show.
  const { Name, MfaFactors: _factors, ...config } = pool.config;
  const region = regionOfPool(pool.id);
  return {
    Id: pool.id,
    Name,
    ...config,
    LastModifiedDate: pool.updatedAt / 1000,
    CreationDate: pool.createdAt / 1000,
    EstimatedNumberOfUsers: estimatedNumberOfUsers,
    Arn: `arn:aws:cognito-idp:${region}:000000000000:userpool/${pool.id}`,
  };
}

/** A client as DescribeUserPoolClient returns it. */
export function describeClient(client: Client): Record<string, unknown> {
  const { ClientName, ...config } = client.config;
  return {
    UserPoolId: client.poolId,
    ClientName,
    ClientId: client.id,
    ...(client.secret ? { ClientSecret: client.secret } : {}),
    LastModifiedDate: client.updatedAt / 1000,
    CreationDate: client.createdAt / 1000,
    ...config,
  };
}
