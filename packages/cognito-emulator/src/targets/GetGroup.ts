import type { Target } from '../context.js';
import { describeGroup } from '../services/admin.js';
import { GROUP_NAME, USER_POOL_ID, validate } from '../validation.js';

export const GetGroup: Target = (ctx, body) => {
  const input = validate(body, { GroupName: GROUP_NAME, UserPoolId: USER_POOL_ID });
  const pool = ctx.pools.getPool(input.UserPoolId as string);
  return { Group: describeGroup(ctx.groups.get(pool.id, input.GroupName as string)) };
};
