import type { EmulatorContext } from '../context.js';
import type { Group } from './groups.js';
import type { Pool, User } from './model.js';
import { describeUser } from './users.js';

/** The pool and user an admin operation names (`UserPoolId`, `Username`): user name, email or alias. */
export function adminUser(ctx: EmulatorContext, input: Record<string, unknown>): { pool: Pool; user: User } {
  const pool = ctx.pools.getPool(input.UserPoolId as string);
  return { pool, user: ctx.users.getBySignInName(pool, input.Username as string) };
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

/** A user as the listings describe it, with only `attributesToGet` when given. */
export function listedUser(user: User, attributesToGet?: string[]) {
  const described = describeUser(user);
  if (!attributesToGet) return described;
  return { ...described, Attributes: described.Attributes.filter((a) => attributesToGet.includes(a.Name)) };
}
