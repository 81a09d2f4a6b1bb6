import type { Target } from '../context.js';
import { describeGroup } from '../services/admin.js';
import { GROUP_DETAILS } from '../services/groups.js';
import { GROUP_NAME, USER_POOL_ID, validate } from '../validation.js';

export const CreateGroup: Target = (ctx, body) => {
  const input = validate(body, { GroupName: GROUP_NAME, UserPoolId: USER_POOL_ID, ...GROUP_DETAILS });
  const pool = ctx.pools.getPool(input.UserPoolId as string);
  const now = ctx.now();
  const group = {
    poolId: pool.id,
    name: input.GroupName as string,
    ...(input.Description !== undefined ? { description: input.Description as string } : {}),
    ...(input.RoleArn !== undefined ? { roleArn: input.RoleArn as string } : {}),
    ...(input.Precedence !== undefined ? { precedence: input.Precedence as number } : {}),
    createdAt: now,
    updatedAt: now,
  };
  ctx.groups.insert(group);
  return { Group: describeGroup(group) };
};
