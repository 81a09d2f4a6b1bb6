import type { UpdateGroupRequest, UpdateGroupResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeGroup } from '../store/groups.js';
import { GROUP_DETAILS } from '../store/groups.js';
import { GROUP_NAME, USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

/** Changes what the request gives of a group's description, role and precedence. */
export const UpdateGroup = target<UpdateGroupRequest, UpdateGroupResponse>({
  signed: true,
  input: { GroupName: GROUP_NAME, UserPoolId: USER_POOL_ID, ...GROUP_DETAILS },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    const group = { ...ctx.groups.get(pool.id, input.GroupName), updatedAt: ctx.now() };
    if (input.Description !== undefined) group.description = input.Description;
    if (input.RoleArn !== undefined) group.roleArn = input.RoleArn;
    if (input.Precedence !== undefined) group.precedence = input.Precedence;
    ctx.groups.update(group);
    return { Group: describeGroup(group) };
  },
});
