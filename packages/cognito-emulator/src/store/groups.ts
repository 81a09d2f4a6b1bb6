import { CognitoError } from '../errors.js';
import type { Db } from './database.js';
import type { Shape } from '../validation.js';

/** What CreateGroup and UpdateGroup take besides the name. */
export const GROUP_DETAILS: Shape = {
  Description: { type: 'string', max: 2048 },
  RoleArn: { type: 'string', min: 20, max: 2048 },
  Precedence: { type: 'integer', min: 0 },
};

export interface Group {
  poolId: string;
  name: string;
  description?: string;
  roleArn?: string;
  precedence?: number;
  createdAt: number;
  updatedAt: number;
}

interface GroupRow {
  pool_id: string;
  name: string;
  description: string | null;
  role_arn: string | null;
  precedence: number | null;
  created_at: number;
  updated_at: number;
}

/** A pool's groups and their members. Group names are case-sensitive, as on AWS. */
export class GroupService {
  constructor(private readonly db: Db) {}

  insert(group: Group): void {
    const exists = this.find(group.poolId, group.name);
    if (exists) throw new CognitoError('GroupExistsException', 'A group with the name already exists.');
    this.db
      .prepare(
        `INSERT INTO groups (pool_id, name, description, role_arn, precedence, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        group.poolId,
        group.name,
        group.description ?? null,
        group.roleArn ?? null,
        group.precedence ?? null,
        group.createdAt,
        group.updatedAt,
      );
  }

  update(group: Group): void {
    this.db
      .prepare(
        'UPDATE groups SET description = ?, role_arn = ?, precedence = ?, updated_at = ? WHERE pool_id = ? AND name = ?',
      )
      .run(
        group.description ?? null,
        group.roleArn ?? null,
        group.precedence ?? null,
        group.updatedAt,
        group.poolId,
        group.name,
      );
  }

  delete(poolId: string, name: string): void {
    const del = this.db.transaction(() => {
      this.db.prepare('DELETE FROM memberships WHERE pool_id = ? AND group_name = ?').run(poolId, name);
      this.db.prepare('DELETE FROM groups WHERE pool_id = ? AND name = ?').run(poolId, name);
    });
    del();
  }

  find(poolId: string, name: string): Group | undefined {
    const row = this.db.prepare('SELECT * FROM groups WHERE pool_id = ? AND name = ?').get(poolId, name) as
      GroupRow | undefined;
    return row ? toGroup(row) : undefined;
  }

  /** The group, or Cognito's `ResourceNotFoundException`. */
  get(poolId: string, name: string): Group {
    const group = this.find(poolId, name);
    if (!group) throw new CognitoError('ResourceNotFoundException', 'Group not found.');
    return group;
  }

  /** Up to `limit` groups after the given name, by name. */
  list(poolId: string, limit: number, after = ''): Group[] {
    return (
      this.db
        .prepare('SELECT * FROM groups WHERE pool_id = ? AND name > ? ORDER BY name LIMIT ?')
        .all(poolId, after, limit) as GroupRow[]
    ).map(toGroup);
  }

  addMember(poolId: string, name: string, username: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO memberships (pool_id, group_name, username) VALUES (?, ?, ?)')
      .run(poolId, name, username);
  }

  removeMember(poolId: string, name: string, username: string): void {
    this.db
      .prepare('DELETE FROM memberships WHERE pool_id = ? AND group_name = ? AND username = ?')
      .run(poolId, name, username);
  }

  /** The groups of a user, by precedence (lowest first, groups without one last), then name. */
  groupsOf(poolId: string, username: string): Group[] {
    return (
      this.db
        .prepare(
          `SELECT g.* FROM memberships m JOIN groups g ON g.pool_id = m.pool_id AND g.name = m.group_name
           WHERE m.pool_id = ? AND m.username = ? ORDER BY g.precedence IS NULL, g.precedence, g.name`,
        )
        .all(poolId, username) as GroupRow[]
    ).map(toGroup);
  }

  /** Up to `limit` user names of a group's members after the given one, in order. */
  members(poolId: string, name: string, limit: number, after = ''): string[] {
    return (
      this.db
        .prepare(
          'SELECT username FROM memberships WHERE pool_id = ? AND group_name = ? AND username > ? ORDER BY username LIMIT ?',
        )
        .all(poolId, name, after, limit) as { username: string }[]
    ).map((r) => r.username);
  }
}

function toGroup(row: GroupRow): Group {
  return {
    poolId: row.pool_id,
    name: row.name,
    ...(row.description !== null ? { description: row.description } : {}),
    ...(row.role_arn !== null ? { roleArn: row.role_arn } : {}),
    ...(row.precedence !== null ? { precedence: row.precedence } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A group as the group operations describe it (`GroupType`). */
export function describeGroup(group: Group) {
  return {
    GroupName: group.name,
    UserPoolId: group.poolId,
    ...(group.description !== undefined ? { Description: group.description } : {}),
    ...(group.roleArn !== undefined ? { RoleArn: group.roleArn } : {}),
    ...(group.precedence !== undefined ? { Precedence: group.precedence } : {}),
    LastModifiedDate: group.updatedAt / 1000,
    CreationDate: group.createdAt / 1000,
  };
}
