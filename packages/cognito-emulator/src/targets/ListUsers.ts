import type { ListUsersRequest, ListUsersResponse } from '@aws-sdk/client-cognito-identity-provider';
import { listedUser } from '../services/admin.js';
import { decodePageToken, toPage } from '../services/pagination.js';
import { assertAttributeNamesExist } from '../services/schema.js';
import { type UserFilter, parseUserFilter } from '../services/user-filter.js';
import { ATTRIBUTE_NAME, LIMIT, PAGE_TOKEN, USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

/**
 * Lists a pool's users by user name, up to `Limit` (60) a page, optionally filtered the way AWS
 * filters: `name = "value"` or `name ^= "prefix"` on the attributes AWS allows.
 */
export const ListUsers = target<ListUsersRequest, ListUsersResponse>({
  signed: true,
  input: {
    UserPoolId: USER_POOL_ID,
    AttributesToGet: { type: 'list', item: ATTRIBUTE_NAME },
    Limit: LIMIT,
    PaginationToken: PAGE_TOKEN,
    Filter: { type: 'string', max: 256 },
  },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    const filter: UserFilter | undefined = input.Filter ? parseUserFilter(input.Filter) : undefined;
    const attributesToGet = input.AttributesToGet;
    if (attributesToGet) {
      assertAttributeNamesExist(
        pool.config.SchemaAttributes,
        attributesToGet,
        () => 'One or more requested attributes do not exist.',
      );
    }
    const limit = input.Limit || 60;
    const rows = ctx.users.list(pool, limit + 1, decodePageToken(input.PaginationToken), filter);
    const { items, next } = toPage(rows, limit, (u) => u.username);
    return {
      Users: items.map((u) => listedUser(u, attributesToGet)),
      ...(next ? { PaginationToken: next } : {}),
    };
  },
});
