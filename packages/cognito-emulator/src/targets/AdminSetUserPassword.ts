import type { Target } from '../context.js';
import { adminUser } from '../services/admin.js';
import { assertPasswordConforms } from '../services/passwords.js';
import { ADMIN_USER, PASSWORD, validate } from '../validation.js';

/**
 * Sets a user's password: `Permanent` makes the user CONFIRMED; otherwise the password is a new
 * temporary one (FORCE_CHANGE_PASSWORD, the NEW_PASSWORD_REQUIRED challenge at the next sign-in).
 */
export const AdminSetUserPassword: Target = async (ctx, body) => {
  const input = validate(body, { ...ADMIN_USER, Password: PASSWORD, Permanent: { type: 'boolean' } });
  const { pool, user } = adminUser(ctx, input);
  const password = input.Password as string;
  assertPasswordConforms(password, pool.config.Policies.PasswordPolicy);
  user.passwordHash = await ctx.passwords.hash(password);
  user.status = input.Permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
  user.updatedAt = ctx.now();
  ctx.users.update(pool, user);
  return {};
};
