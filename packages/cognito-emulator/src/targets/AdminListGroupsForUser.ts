import type {
  AdminListGroupsForUserRequest,
  AdminListGroupsForUserResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { describeGroup } from '../store/groups.js';
import { decodePageToken, toPage } from '../services/pagination.js';
import { ADMIN_USER, LIMIT, PAGE_TOKEN } from '../validation.js';
import { target } from './target.js';

export const AdminListGroupsForUser = target<AdminListGroupsForUserRequest, AdminListGroupsForUserResponse>({
  signed: true,
  input: { ...ADMIN_USER, Limit: LIMIT, NextToken: PAGE_TOKEN },
  handler: (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    const limit = input.Limit || 60;
    const after = decodePageToken(input.NextToken) ?? '';
    const groups = ctx.groups
      .groupsOf(pool.id, user.username)
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .filter((g) => g.name > after)
      .slice(0, limit + 1);
    const { items, next } = toPage(groups, limit, (g) => g.name);
    return { Groups: items.map(describeGroup), ...(next ? { NextToken: next } : {}) };
  },
});
