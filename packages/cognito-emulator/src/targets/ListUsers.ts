import type { Target } from '../context.js';
import { listedUser } from '../services/admin.js';
import { decodePageToken, toPage } from '../services/pagination.js';
import { type UserFilter, parseUserFilter } from '../services/user-filter.js';
import { ATTRIBUTE_NAME, LIMIT, PAGE_TOKEN, USER_POOL_ID, validate } from '../validation.js';

/**
 * Lists a pool's users by user name, up to `Limit` (60) a page, optionally filtered the way AWS
 * filters: `name = "value"` or `name ^= "prefix"` on the attributes AWS allows.
 */
export const ListUsers: Target = (ctx, body) => {
  const input = validate(body, {
    UserPoolId: USER_POOL_ID,
    AttributesToGet: { type: 'list', item: ATTRIBUTE_NAME },
    Limit: LIMIT,
    PaginationToken: PAGE_TOKEN,
    Filter: { type: 'string', max: 256 },
  });
  const pool = ctx.pools.getPool(input.UserPoolId as string);
  const filter: UserFilter | undefined = input.Filter ? parseUserFilter(input.Filter as string) : undefined;
  const attributesToGet = input.AttributesToGet as string[] | undefined;
  const limit = (input.Limit as number | undefined) || 60;
  const rows = ctx.users.list(pool, limit + 1, decodePageToken(input.PaginationToken), filter);
  const { items, next } = toPage(rows, limit, (u) => u.username);
  return {
    Users: items.map((u) => listedUser(u, attributesToGet)),
    ...(next ? { PaginationToken: next } : {}),
  };
};
