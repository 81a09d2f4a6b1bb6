import type { Target } from '../context.js';
import { adminUser, describeGroup } from '../services/admin.js';
import { decodePageToken, toPage } from '../services/pagination.js';
import { ADMIN_USER, LIMIT, PAGE_TOKEN, validate } from '../validation.js';

export const AdminListGroupsForUser: Target = (ctx, body) => {
  const input = validate(body, { ...ADMIN_USER, Limit: LIMIT, NextToken: PAGE_TOKEN });
  const { pool, user } = adminUser(ctx, input);
  const limit = (input.Limit as number | undefined) || 60;
  const after = decodePageToken(input.NextToken) ?? '';
  const groups = ctx.groups
    .groupsOf(pool.id, user.username)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .filter((g) => g.name > after)
    .slice(0, limit + 1);
  const { items, next } = toPage(groups, limit, (g) => g.name);
  return { Groups: items.map(describeGroup), ...(next ? { NextToken: next } : {}) };
};
