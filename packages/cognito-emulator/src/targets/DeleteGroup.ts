import type { DeleteGroupRequest } from '@aws-sdk/client-cognito-identity-provider';
import { GROUP_NAME, USER_POOL_ID } from '../validation.js';
import { type NoOutput, target } from './target.js';

/** Deletes a group and its memberships (users stay). */
export const DeleteGroup = target<DeleteGroupRequest, NoOutput>({
  signed: true,
  input: { GroupName: GROUP_NAME, UserPoolId: USER_POOL_ID },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    ctx.groups.delete(pool.id, ctx.groups.get(pool.id, input.GroupName).name);
    return {};
  },
});
