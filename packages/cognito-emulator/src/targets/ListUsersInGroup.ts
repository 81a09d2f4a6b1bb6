import type { Target } from '../context.js';
import { listedUser } from '../services/admin.js';
import { decodePageToken, toPage } from '../services/pagination.js';
import { GROUP_NAME, LIMIT, PAGE_TOKEN, USER_POOL_ID, validate } from '../validation.js';

export const ListUsersInGroup: Target = (ctx, body) => {
  const input = validate(body, {
    UserPoolId: USER_POOL_ID,
    GroupName: GROUP_NAME,
    Limit: LIMIT,
    NextToken: PAGE_TOKEN,
  });
  const pool = ctx.pools.getPool(input.UserPoolId as string);
  const group = ctx.groups.get(pool.id, input.GroupName as string);
  const limit = (input.Limit as number | undefined) || 60;
  const names = ctx.groups.members(pool.id, group.name, limit + 1, decodePageToken(input.NextToken));
  const { items, next } = toPage(names, limit, (name) => name);
  const users = items.map((name) => ctx.users.findByUsername(pool, name)).filter((u) => u !== undefined);
  return { Users: users.map((u) => listedUser(u)), ...(next ? { NextToken: next } : {}) };
};
