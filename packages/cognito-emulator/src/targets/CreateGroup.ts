import type { CreateGroupRequest, CreateGroupResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeGroup } from '../store/groups.js';
import { GROUP_DETAILS } from '../store/groups.js';
import { GROUP_NAME, USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

export const CreateGroup = target<CreateGroupRequest, CreateGroupResponse>({
  signed: true,
  input: { GroupName: GROUP_NAME, UserPoolId: USER_POOL_ID, ...GROUP_DETAILS },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    const now = ctx.now();
    const group = {
      poolId: pool.id,
      name: input.GroupName,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(input.RoleArn !== undefined ? { roleArn: input.RoleArn } : {}),
      ...(input.Precedence !== undefined ? { precedence: input.Precedence } : {}),
      createdAt: now,
      updatedAt: now,
    };
    ctx.groups.insert(group);
    return { Group: describeGroup(group) };
  },
});
