import type { Target } from '../context.js';
import { adminUser } from '../services/admin.js';
import { ADMIN_USER, validate } from '../validation.js';

/** Deletes a user with its codes, memberships and sessions (its refresh tokens stop working). */
export const AdminDeleteUser: Target = (ctx, body) => {
  const { pool, user } = adminUser(ctx, validate(body, ADMIN_USER));
  ctx.users.delete(pool, user.username);
  return {};
};
