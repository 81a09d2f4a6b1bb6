import type { Target } from '../context.js';
import { decodePageToken, toPage } from '../services/pagination.js';
import { PAGE_TOKEN, validate } from '../validation.js';

export const ListUserPools: Target = (ctx, body) => {
  const input = validate(body, {
    MaxResults: { type: 'integer', required: true, min: 1, max: 60 },
    NextToken: PAGE_TOKEN,
  });
  const limit = input.MaxResults as number;
  const rows = ctx.pools.listPools(limit + 1, decodePageToken(input.NextToken));
  const { items, next } = toPage(rows, limit, (p) => p.id);
  return {
    UserPools: items.map((p) => ({
      Id: p.id,
      Name: p.config.Name,
      LambdaConfig: p.config.LambdaConfig ?? {},
      LastModifiedDate: p.updatedAt / 1000,
      CreationDate: p.createdAt / 1000,
    })),
    ...(next ? { NextToken: next } : {}),
  };
};
