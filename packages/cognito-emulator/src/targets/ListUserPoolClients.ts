import type { Target } from '../context.js';
import { decodePageToken, toPage } from '../services/pagination.js';
import { PAGE_TOKEN, USER_POOL_ID, validate } from '../validation.js';

export const ListUserPoolClients: Target = (ctx, body) => {
  const input = validate(body, {
    UserPoolId: USER_POOL_ID,
    MaxResults: { type: 'integer', min: 1, max: 60 },
    NextToken: PAGE_TOKEN,
  });
  const pool = ctx.pools.getPool(input.UserPoolId as string);
  const limit = (input.MaxResults as number | undefined) ?? 60;
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
};
