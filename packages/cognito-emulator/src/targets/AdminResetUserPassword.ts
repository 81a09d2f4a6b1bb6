import type {
  AdminResetUserPasswordRequest,
  AdminResetUserPasswordResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { deliverCode, verifiedChannel } from '../services/delivery.js';
import { ADMIN_USER, CLIENT_METADATA } from '../validation.js';
import { target } from './target.js';

/**
 * Marks the password for reset: the user's next sign-in is `PasswordResetRequiredException`, and a
 * reset code goes to its verified email (or phone), to use with ConfirmForgotPassword.
 */
export const AdminResetUserPassword = target<AdminResetUserPasswordRequest, AdminResetUserPasswordResponse>({
  signed: true,
  input: { ...ADMIN_USER, ClientMetadata: CLIENT_METADATA },
  handler: async (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    user.status = 'RESET_REQUIRED';
    user.updatedAt = ctx.now();
    ctx.users.update(pool, user);
    const channel = verifiedChannel(user);
    if (channel) {
      await deliverCode(ctx, pool, user, {
        situation: 'ForgotPassword',
        clientMetadata: input.ClientMetadata,
        purpose: 'FORGOT_PASSWORD',
        kind: 'FORGOT_PASSWORD',
        attribute: channel,
      });
    }
    return {};
  },
});
