import type { Target } from '../context.js';
import { adminUser } from '../services/admin.js';
import { ADMIN_USER, GROUP_NAME, validate } from '../validation.js';

/** Adds a user to a group; its next tokens carry the group in `cognito:groups`. */
export const AdminAddUserToGroup: Target = (ctx, body) => {
  const input = validate(body, { ...ADMIN_USER, GroupName: GROUP_NAME });
  const { pool, user } = adminUser(ctx, input);
  const group = ctx.groups.get(pool.id, input.GroupName as string);
  ctx.groups.addMember(pool.id, group.name, user.username);
  return {};
};
