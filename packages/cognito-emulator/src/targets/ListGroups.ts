import type { Target } from '../context.js';
import { describeGroup } from '../services/admin.js';
import { decodePageToken, toPage } from '../services/pagination.js';
import { LIMIT, PAGE_TOKEN, USER_POOL_ID, validate } from '../validation.js';

export const ListGroups: Target = (ctx, body) => {
  const input = validate(body, { UserPoolId: USER_POOL_ID, Limit: LIMIT, NextToken: PAGE_TOKEN });
  const pool = ctx.pools.getPool(input.UserPoolId as string);
  const limit = (input.Limit as number | undefined) || 60;
  const rows = ctx.groups.list(pool.id, limit + 1, decodePageToken(input.NextToken));
  const { items, next } = toPage(rows, limit, (g) => g.name);
  return { Groups: items.map(describeGroup), ...(next ? { NextToken: next } : {}) };
};
