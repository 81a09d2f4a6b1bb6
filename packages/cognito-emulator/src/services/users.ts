import { userNotFound } from '../errors.js';
import type { Db } from '../store/database.js';
import type { AttributeType, Pool, User, UserStatus } from './model.js';
import { filterSql, type UserFilter } from './user-filter.js';

interface UserRow {
  pool_id: string;
  username: string;
  sub: string;
  status: string;
  enabled: number;
  password_hash: string | null;
  attributes: string;
  pending: string | null;
  created_at: number;
  updated_at: number;
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;
const PHONE = /^\+[0-9]{4,20}$/;

export const isEmail = (value: string) => EMAIL.test(value);
export const isPhoneNumber = (value: string) => PHONE.test(value);

/** Whether user names (and the emails that sign in) ignore case in this pool. */
const caseInsensitive = (pool: Pool) => pool.config.UsernameConfiguration?.CaseSensitive === false;
const lookupKey = (pool: Pool, value: string) => (caseInsensitive(pool) ? value.toLowerCase() : value);

export class UserService {
  constructor(private readonly db: Db) {}

  /**
   * The user a sign-in name designates: the user name itself (the `sub` where email or phone is
   * the user name), the email or phone number of a pool that signs in with them, or a verified
   * alias.
   */
  findBySignInName(pool: Pool, name: string): User | undefined {
    const byName = this.row('username_key = ?', pool.id, lookupKey(pool, name));
    if (byName) return byName;
    const usernameAttributes = pool.config.UsernameAttributes ?? [];
    const aliases = pool.config.AliasAttributes ?? [];
    if (isEmail(name) && (usernameAttributes.includes('email') || aliases.includes('email'))) {
      const user = this.row('email_key = ?', pool.id, lookupKey(pool, name));
      if (user && (usernameAttributes.includes('email') || user.attributes.email_verified === 'true'))
        return user;
    }
    if (
      isPhoneNumber(name) &&
      (usernameAttributes.includes('phone_number') || aliases.includes('phone_number'))
    ) {
      const user = this.row('phone_key = ?', pool.id, name);
      if (
        user &&
        (usernameAttributes.includes('phone_number') || user.attributes.phone_number_verified === 'true')
      )
        return user;
    }
    return undefined;
  }

  /** As `findBySignInName`, or Cognito's `UserNotFoundException`. */
  getBySignInName(pool: Pool, name: string): User {
    const user = this.findBySignInName(pool, name);
    if (!user) throw userNotFound();
    return user;
  }

  findByUsername(pool: Pool, username: string): User | undefined {
    return this.row('username = ?', pool.id, username);
  }

  /** Another user that already holds this email as a sign-in name, if any. */
  findByEmail(pool: Pool, email: string): User | undefined {
    return this.row('email_key = ?', pool.id, lookupKey(pool, email));
  }

  insert(pool: Pool, user: User): void {
    this.db
      .prepare(
        `INSERT INTO users (pool_id, username, username_key, sub, email_key, phone_key, status, enabled,
           password_hash, attributes, pending, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        pool.id,
        user.username,
        lookupKey(pool, user.username),
        user.sub,
        user.attributes.email ? lookupKey(pool, user.attributes.email) : null,
        user.attributes.phone_number ?? null,
        user.status,
        user.enabled ? 1 : 0,
        user.passwordHash,
        JSON.stringify(user.attributes),
        pendingColumn(user),
        user.createdAt,
        user.updatedAt,
      );
  }

  update(pool: Pool, user: User): void {
    this.db
      .prepare(
        `UPDATE users SET email_key = ?, phone_key = ?, status = ?, enabled = ?, password_hash = ?,
           attributes = ?, pending = ?, updated_at = ? WHERE pool_id = ? AND username = ?`,
      )
      .run(
        user.attributes.email ? lookupKey(pool, user.attributes.email) : null,
        user.attributes.phone_number ?? null,
        user.status,
        user.enabled ? 1 : 0,
        user.passwordHash,
        JSON.stringify(user.attributes),
        pendingColumn(user),
        user.updatedAt,
        pool.id,
        user.username,
      );
  }

  delete(pool: Pool, username: string): void {
    const del = this.db.transaction(() => {
      this.db.prepare('DELETE FROM users WHERE pool_id = ? AND username = ?').run(pool.id, username);
      this.db.prepare('DELETE FROM codes WHERE pool_id = ? AND username = ?').run(pool.id, username);
      this.db.prepare('DELETE FROM memberships WHERE pool_id = ? AND username = ?').run(pool.id, username);
      this.db
        .prepare('UPDATE sessions SET revoked = 1 WHERE pool_id = ? AND username = ?')
        .run(pool.id, username);
    });
    del();
  }

  /** Up to `limit` users after the given user name, in user-name order, optionally filtered. */
  list(pool: Pool, limit: number, after = '', filter?: UserFilter): User[] {
    const condition = filter ? filterSql(filter) : undefined;
    const rows = this.db
      .prepare(
        `SELECT * FROM users WHERE pool_id = ? AND username > ?${condition ? ` AND ${condition.sql}` : ''}
         ORDER BY username LIMIT ?`,
      )
      .all(pool.id, after, ...(condition?.args ?? []), limit) as UserRow[];
    return rows.map(toUser);
  }

  count(poolId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users WHERE pool_id = ?').get(poolId) as { n: number })
      .n;
  }

  private row(where: string, poolId: string, value: string): User | undefined {
    const row = this.db.prepare(`SELECT * FROM users WHERE pool_id = ? AND ${where}`).get(poolId, value) as
      UserRow | undefined;
    return row ? toUser(row) : undefined;
  }
}

const pendingColumn = (user: User) =>
  user.pending && Object.keys(user.pending).length > 0 ? JSON.stringify(user.pending) : null;

function toUser(row: UserRow): User {
  return {
    poolId: row.pool_id,
    username: row.username,
    sub: row.sub,
    status: row.status as UserStatus,
    enabled: row.enabled === 1,
    passwordHash: row.password_hash,
    attributes: JSON.parse(row.attributes) as Record<string, string>,
    ...(row.pending ? { pending: JSON.parse(row.pending) as Record<string, string> } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A user's attributes as Cognito lists them: `sub` first, then by name. */
export function attributeList(user: User): AttributeType[] {
  const names = Object.keys(user.attributes).sort((a, b) =>
    a === 'sub' ? -1 : b === 'sub' ? 1 : a < b ? -1 : 1,
  );
  return names.map((Name) => ({ Name, Value: user.attributes[Name]! }));
}

/** A user as the admin operations describe it (`UserType`). */
export function describeUser(user: User) {
  return {
    Username: user.username,
    Attributes: attributeList(user),
    UserCreateDate: user.createdAt / 1000,
    UserLastModifiedDate: user.updatedAt / 1000,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}
