import type { Target } from '../context.js';
import { adminUser } from '../services/admin.js';
import { ADMIN_USER, validate } from '../validation.js';

/** Deactivates a user: no sign-in, no refresh, and every token it holds is revoked. */
export const AdminDisableUser: Target = (ctx, body) => {
  const { pool, user } = adminUser(ctx, validate(body, ADMIN_USER));
  user.enabled = false;
  user.updatedAt = ctx.now();
  ctx.users.update(pool, user);
  ctx.tokens.revokeUser(pool.id, user.username);
  return {};
};
