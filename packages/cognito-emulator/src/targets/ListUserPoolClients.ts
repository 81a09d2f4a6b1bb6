import type {
  ListUserPoolClientsRequest,
  ListUserPoolClientsResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodePageToken, toPage } from '../services/pagination.js';
import { PAGE_TOKEN, USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

export const ListUserPoolClients = target<ListUserPoolClientsRequest, ListUserPoolClientsResponse>({
  signed: true,
  input: {
    UserPoolId: USER_POOL_ID,
    MaxResults: { type: 'integer', min: 1, max: 60 },
    NextToken: PAGE_TOKEN,
  },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    const limit = input.MaxResults ?? 60;
    const rows = ctx.pools.listClients(pool.id, limit + 1, decodePageToken(input.NextToken));
    const { items, next } = toPage(rows, limit, (c) => c.id);
    return {
      UserPoolClients: items.map((c) => ({
        ClientId: c.id,
        UserPoolId: c.poolId,
        ClientName: c.config.ClientName,
      })),
      ...(next ? { NextToken: next } : {}),
    };
  },
});
