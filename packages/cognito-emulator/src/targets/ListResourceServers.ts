import type {
  ListResourceServersRequest,
  ListResourceServersResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodePageToken, toPage } from '../services/pagination.js';
import { describeResourceServer } from '../services/resource-servers.js';
import { PAGE_TOKEN, USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

/** A pool's resource servers in identifier order, up to 50 a page. */
export const ListResourceServers = target<ListResourceServersRequest, ListResourceServersResponse>({
  signed: true,
  input: {
    UserPoolId: USER_POOL_ID,
    MaxResults: { type: 'integer', min: 1, max: 50 },
    NextToken: PAGE_TOKEN,
  },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    const limit = input.MaxResults ?? 50;
    const rows = ctx.resourceServers.list(pool.id, limit + 1, decodePageToken(input.NextToken));
    const { items, next } = toPage(rows, limit, (s) => s.identifier);
    return { ResourceServers: items.map(describeResourceServer), ...(next ? { NextToken: next } : {}) };
  },
});
