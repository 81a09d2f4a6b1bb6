import { CognitoError, userNotFound } from '../errors.js';
import { recordOf } from '../records.js';
import { atomically, type Db } from './database.js';
import type { AttributeType, Pool, User, UserStatus } from '../services/model.js';
import { filterSql, type UserFilter } from '../services/user-filter.js';

interface UserRow {
  pool_id: string;
  username: string;
  sub: string;
  status: string;
  enabled: number;
  password_hash: string | null;
  srp_verifier: string | null;
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
   * the user name), or the email or phone number a user signs in with (a username attribute, or a
   * verified alias: the store's `email_signin` / `phone_signin`, unique per pool).
   */
  findBySignInName(pool: Pool, name: string): User | undefined {
    const byName = this.row('username_key = ?', pool.id, lookupKey(pool, name));
    if (byName) return byName;
    if (isEmail(name)) return this.row('email_signin = ?', pool.id, lookupKey(pool, name));
    if (isPhoneNumber(name)) return this.row('phone_signin = ?', pool.id, name);
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

  /** The user that signs in with this email or phone number, if any. */
  findBySignInKey(pool: Pool, attribute: SignInAttribute, value: string): User | undefined {
    return attribute === 'email'
      ? this.row('email_signin = ?', pool.id, lookupKey(pool, value))
      : this.row('phone_signin = ?', pool.id, value);
  }

  /**
   * Stores a new user. The store refuses a second user with the same user name, `sub`, or sign-in
   * email / phone number (unique indexes, so that concurrent sign-ups cannot both win); that answers
   * `UsernameExistsException` (`AliasExistsException` for a verified alias), as AWS does.
   * `forceAlias` first takes a verified alias away from the user that held it (ForceAliasCreation).
   */
  insert(pool: Pool, user: User, options: { forceAlias?: boolean } = {}): void {
    const keys = signInKeys(pool, user.attributes);
    const insert = () =>
      atomically(this.db, () => {
        if (options.forceAlias) this.releaseAliases(pool, user, keys);
        this.db
          .prepare(
            `INSERT INTO users (pool_id, username, username_key, sub, email_key, phone_key, email_signin,
             phone_signin, status, enabled, password_hash, srp_verifier, attributes, pending, created_at,
             updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            pool.id,
            user.username,
            lookupKey(pool, user.username),
            user.sub,
            user.attributes.email ? lookupKey(pool, user.attributes.email) : null,
            user.attributes.phone_number ?? null,
            keys.email,
            keys.phone_number,
            user.status,
            user.enabled ? 1 : 0,
            user.passwordHash,
            user.srpVerifier,
            JSON.stringify(user.attributes),
            pendingColumn(user),
            user.createdAt,
            user.updatedAt,
          );
      });
    try {
      insert();
    } catch (error) {
      throw translateConflict(pool, error, 'insert');
    }
  }

  /**
   * Saves a user's state. An email or phone number that would become a sign-in name another user
   * holds is `AliasExistsException` (nothing is written), unless `forceAlias` moves it here.
   */
  update(pool: Pool, user: User, options: { forceAlias?: boolean } = {}): void {
    const keys = signInKeys(pool, user.attributes);
    const update = () =>
      atomically(this.db, () => {
        if (options.forceAlias) this.releaseAliases(pool, user, keys);
        this.db
          .prepare(
            `UPDATE users SET email_key = ?, phone_key = ?, email_signin = ?, phone_signin = ?, status = ?,
             enabled = ?, password_hash = ?, srp_verifier = ?, attributes = ?, pending = ?, updated_at = ?
           WHERE pool_id = ? AND username = ?`,
          )
          .run(
            user.attributes.email ? lookupKey(pool, user.attributes.email) : null,
            user.attributes.phone_number ?? null,
            keys.email,
            keys.phone_number,
            user.status,
            user.enabled ? 1 : 0,
            user.passwordHash,
            user.srpVerifier,
            JSON.stringify(user.attributes),
            pendingColumn(user),
            user.updatedAt,
            pool.id,
            user.username,
          );
      });
    try {
      update();
    } catch (error) {
      throw translateConflict(pool, error, 'update');
    }
  }

  /**
   * Gives a user stored before SRP verifiers its verifier, once its password was verified: only
   * while it has none and its password is still the one checked (a concurrent change wins).
   */
  addSrpVerifier(pool: Pool, username: string, passwordHash: string, srpVerifier: string): void {
    this.db
      .prepare(
        `UPDATE users SET srp_verifier = ?
         WHERE pool_id = ? AND username = ? AND password_hash = ? AND srp_verifier IS NULL`,
      )
      .run(srpVerifier, pool.id, username, passwordHash);
  }

  /**
   * ForceAliasCreation: a verified alias (never a username attribute) held by another user moves
   * to this one; the other user keeps the value, unverified.
   */
  private releaseAliases(pool: Pool, user: User, keys: SignInKeys): void {
    const aliases = pool.config.AliasAttributes ?? [];
    for (const attribute of SIGN_IN_ATTRIBUTES) {
      const key = keys[attribute];
      if (!key || !aliases.includes(attribute)) continue;
      const column = attribute === 'email' ? 'email_signin' : 'phone_signin';
      this.db
        .prepare(
          `UPDATE users SET ${column} = NULL,
             attributes = json_set(attributes, '$.${attribute}_verified', 'false')
           WHERE pool_id = ? AND ${column} = ? AND username <> ?`,
        )
        .run(pool.id, key, user.username);
    }
  }

  delete(pool: Pool, username: string): void {
    const del = this.db.transaction(() => {
      this.db.prepare('DELETE FROM users WHERE pool_id = ? AND username = ?').run(pool.id, username);
      this.db.prepare('DELETE FROM codes WHERE pool_id = ? AND username = ?').run(pool.id, username);
      this.db.prepare('DELETE FROM memberships WHERE pool_id = ? AND username = ?').run(pool.id, username);
      this.db.prepare('DELETE FROM devices WHERE pool_id = ? AND username = ?').run(pool.id, username);
      this.db.prepare('DELETE FROM user_mfa WHERE pool_id = ? AND username = ?').run(pool.id, username);
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

export type SignInAttribute = 'email' | 'phone_number';
const SIGN_IN_ATTRIBUTES: readonly SignInAttribute[] = ['email', 'phone_number'];
type SignInKeys = Record<SignInAttribute, string | null>;

/**
 * The email and phone number a user signs in with, as stored (case-folded where the pool ignores
 * case): a username attribute always; an alias once verified; otherwise none.
 */
export function signInKeys(pool: Pool, attributes: Record<string, string>): SignInKeys {
  const keys: SignInKeys = { email: null, phone_number: null };
  for (const attribute of SIGN_IN_ATTRIBUTES) {
    const value = attributes[attribute];
    if (!value) continue;
    const signsIn =
      (pool.config.UsernameAttributes ?? []).includes(attribute) ||
      ((pool.config.AliasAttributes ?? []).includes(attribute) &&
        attributes[`${attribute}_verified`] === 'true');
    if (signsIn) keys[attribute] = attribute === 'email' ? lookupKey(pool, value) : value;
  }
  return keys;
}

/** A unique-index violation as the Cognito error AWS gives for it; any other error unchanged. */
function translateConflict(pool: Pool, error: unknown, operation: 'insert' | 'update'): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) return error;
  const message = String((error as Error).message);
  const attribute = message.includes('email_signin')
    ? 'email'
    : message.includes('phone_signin')
      ? 'phone_number'
      : undefined;
  if (!attribute) return new CognitoError('UsernameExistsException', 'User already exists');
  const text = `An account with the given ${attribute} already exists.`;
  const isUsername = (pool.config.UsernameAttributes ?? []).includes(attribute);
  return new CognitoError(
    operation === 'insert' && isUsername ? 'UsernameExistsException' : 'AliasExistsException',
    text,
  );
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
    srpVerifier: row.srp_verifier,
    attributes: recordOf(JSON.parse(row.attributes) as Record<string, string>),
    ...(row.pending ? { pending: recordOf(JSON.parse(row.pending) as Record<string, string>) } : {}),
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
