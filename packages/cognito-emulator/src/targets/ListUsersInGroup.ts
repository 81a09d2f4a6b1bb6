import type {
  ListUsersInGroupRequest,
  ListUsersInGroupResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { listedUser } from '../services/admin.js';
import { decodePageToken, toPage } from '../services/pagination.js';
import { GROUP_NAME, LIMIT, PAGE_TOKEN, USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

export const ListUsersInGroup = target<ListUsersInGroupRequest, ListUsersInGroupResponse>({
  signed: true,
  input: {
    UserPoolId: USER_POOL_ID,
    GroupName: GROUP_NAME,
    Limit: LIMIT,
    NextToken: PAGE_TOKEN,
  },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    const group = ctx.groups.get(pool.id, input.GroupName);
    const limit = input.Limit || 60;
    const names = ctx.groups.members(pool.id, group.name, limit + 1, decodePageToken(input.NextToken));
    const { items, next } = toPage(names, limit, (name) => name);
    const users = items.map((name) => ctx.users.findByUsername(pool, name)).filter((u) => u !== undefined);
    return { Users: users.map((u) => listedUser(u)), ...(next ? { NextToken: next } : {}) };
  },
});
