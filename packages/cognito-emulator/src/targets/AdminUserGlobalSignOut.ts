import type { Target } from '../context.js';
import { adminUser } from '../services/admin.js';
import { ADMIN_USER, validate } from '../validation.js';

/** Revokes every refresh token of the user and the access tokens issued from them. */
export const AdminUserGlobalSignOut: Target = (ctx, body) => {
  const { pool, user } = adminUser(ctx, validate(body, ADMIN_USER));
  ctx.tokens.revokeUser(pool.id, user.username);
  return {};
};
