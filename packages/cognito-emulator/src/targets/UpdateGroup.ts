import type { Target } from '../context.js';
import { describeGroup } from '../services/admin.js';
import { GROUP_DETAILS } from '../services/groups.js';
import { GROUP_NAME, USER_POOL_ID, validate } from '../validation.js';

/** Changes what the request gives of a group's description, role and precedence. */
export const UpdateGroup: Target = (ctx, body) => {
  const input = validate(body, { GroupName: GROUP_NAME, UserPoolId: USER_POOL_ID, ...GROUP_DETAILS });
  const pool = ctx.pools.getPool(input.UserPoolId as string);
  const group = { ...ctx.groups.get(pool.id, input.GroupName as string), updatedAt: ctx.now() };
  if (input.Description !== undefined) group.description = input.Description as string;
  if (input.RoleArn !== undefined) group.roleArn = input.RoleArn as string;
  if (input.Precedence !== undefined) group.precedence = input.Precedence as number;
  ctx.groups.update(group);
  return { Group: describeGroup(group) };
};
