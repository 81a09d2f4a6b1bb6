import type { Target } from '../context.js';
import { GROUP_NAME, USER_POOL_ID, validate } from '../validation.js';

/** Deletes a group and its memberships (users stay). */
export const DeleteGroup: Target = (ctx, body) => {
  const input = validate(body, { GroupName: GROUP_NAME, UserPoolId: USER_POOL_ID });
  const pool = ctx.pools.getPool(input.UserPoolId as string);
  ctx.groups.delete(pool.id, ctx.groups.get(pool.id, input.GroupName as string).name);
  return {};
};
