import type { ListUserPoolsRequest, ListUserPoolsResponse } from '@aws-sdk/client-cognito-identity-provider';
import { decodePageToken, toPage } from '../services/pagination.js';
import { summarizePool } from '../store/pools.js';
import { PAGE_TOKEN } from '../validation.js';
import { target } from './target.js';

export const ListUserPools = target<ListUserPoolsRequest, ListUserPoolsResponse>({
  signed: true,
  input: {
    MaxResults: { type: 'integer', required: true, min: 1, max: 60 },
    NextToken: PAGE_TOKEN,
  },
  handler: (ctx, input) => {
    const limit = input.MaxResults;
    const rows = ctx.pools.listPools(limit + 1, decodePageToken(input.NextToken));
    const { items, next } = toPage(rows, limit, (p) => p.id);
    return {
      UserPools: items.map(summarizePool),
      ...(next ? { NextToken: next } : {}),
    };
  },
});
