import type { Target } from '../context.js';
import { adminUser } from '../services/admin.js';
import { ADMIN_USER, validate } from '../validation.js';

export const AdminEnableUser: Target = (ctx, body) => {
  const { pool, user } = adminUser(ctx, validate(body, ADMIN_USER));
  user.enabled = true;
  user.updatedAt = ctx.now();
  ctx.users.update(pool, user);
  return {};
};
