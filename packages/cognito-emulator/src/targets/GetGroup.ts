import type { GetGroupRequest, GetGroupResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeGroup } from '../store/groups.js';
import { GROUP_NAME, USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

export const GetGroup = target<GetGroupRequest, GetGroupResponse>({
  signed: true,
  input: { GroupName: GROUP_NAME, UserPoolId: USER_POOL_ID },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    return { Group: describeGroup(ctx.groups.get(pool.id, input.GroupName)) };
  },
});
