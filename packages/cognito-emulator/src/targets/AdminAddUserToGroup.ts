import type { AdminAddUserToGroupRequest } from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { ADMIN_USER, GROUP_NAME } from '../validation.js';
import { type NoOutput, target } from './target.js';

/** Adds a user to a group; its next tokens carry the group in `cognito:groups`. */
export const AdminAddUserToGroup = target<AdminAddUserToGroupRequest, NoOutput>({
  signed: true,
  input: { ...ADMIN_USER, GroupName: GROUP_NAME },
  handler: (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    const group = ctx.groups.get(pool.id, input.GroupName);
    ctx.groups.addMember(pool.id, group.name, user.username);
    return {};
  },
});
