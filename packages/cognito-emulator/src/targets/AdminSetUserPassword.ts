import { passwordSecrets } from '../services/srp-verifier.js';
import type {
  AdminSetUserPasswordRequest,
  AdminSetUserPasswordResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { assertPasswordConforms } from '../services/passwords.js';
import { ADMIN_USER, PASSWORD } from '../validation.js';
import { target } from './target.js';

/**
 * Sets a user's password: `Permanent` makes the user CONFIRMED; otherwise the password is a new
 * temporary one (FORCE_CHANGE_PASSWORD, the NEW_PASSWORD_REQUIRED challenge at the next sign-in).
 */
export const AdminSetUserPassword = target<AdminSetUserPasswordRequest, AdminSetUserPasswordResponse>({
  signed: true,
  input: { ...ADMIN_USER, Password: PASSWORD, Permanent: { type: 'boolean' } },
  handler: async (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    const password = input.Password;
    assertPasswordConforms(password, pool.config.Policies.PasswordPolicy);
    Object.assign(user, await passwordSecrets(ctx, pool, user.username, password));
    user.status = input.Permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
    user.updatedAt = ctx.now();
    ctx.users.update(pool, user);
    return {};
  },
});
