import type { ListGroupsRequest, ListGroupsResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeGroup } from '../store/groups.js';
import { decodePageToken, toPage } from '../services/pagination.js';
import { LIMIT, PAGE_TOKEN, USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

export const ListGroups = target<ListGroupsRequest, ListGroupsResponse>({
  signed: true,
  input: { UserPoolId: USER_POOL_ID, Limit: LIMIT, NextToken: PAGE_TOKEN },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    const limit = input.Limit || 60;
    const rows = ctx.groups.list(pool.id, limit + 1, decodePageToken(input.NextToken));
    const { items, next } = toPage(rows, limit, (g) => g.name);
    return { Groups: items.map(describeGroup), ...(next ? { NextToken: next } : {}) };
  },
});
