import type { AdminRemoveUserFromGroupRequest } from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { ADMIN_USER, GROUP_NAME } from '../validation.js';
import { type NoOutput, target } from './target.js';

export const AdminRemoveUserFromGroup = target<AdminRemoveUserFromGroupRequest, NoOutput>({
  signed: true,
  input: { ...ADMIN_USER, GroupName: GROUP_NAME },
  handler: (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    const group = ctx.groups.get(pool.id, input.GroupName);
    ctx.groups.removeMember(pool.id, group.name, user.username);
    return {};
  },
});
