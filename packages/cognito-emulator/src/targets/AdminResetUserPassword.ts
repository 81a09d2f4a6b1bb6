import type { Target } from '../context.js';
import { adminUser } from '../services/admin.js';
import { deliverCode, verifiedChannel } from '../services/delivery.js';
import { ADMIN_USER, CLIENT_METADATA, validate } from '../validation.js';

/**
 * Marks the password for reset: the user's next sign-in is `PasswordResetRequiredException`, and a
 * reset code goes to its verified email (or phone), to use with ConfirmForgotPassword.
 */
export const AdminResetUserPassword: Target = (ctx, body) => {
  const { pool, user } = adminUser(ctx, validate(body, { ...ADMIN_USER, ClientMetadata: CLIENT_METADATA }));
  user.status = 'RESET_REQUIRED';
  user.updatedAt = ctx.now();
  ctx.users.update(pool, user);
  const channel = verifiedChannel(user);
  if (channel) deliverCode(ctx, pool, user, 'FORGOT_PASSWORD', 'FORGOT_PASSWORD', channel);
  return {};
};
