import type {
  AdminDisableUserRequest,
  AdminDisableUserResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { ADMIN_USER } from '../validation.js';
import { target } from './target.js';

/** Deactivates a user: no sign-in, no refresh, and every token it holds is revoked. */
export const AdminDisableUser = target<AdminDisableUserRequest, AdminDisableUserResponse>({
  signed: true,
  input: ADMIN_USER,
  handler: (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    user.enabled = false;
    user.updatedAt = ctx.now();
    ctx.users.update(pool, user);
    ctx.tokens.revokeUser(pool.id, user.username);
    return {};
  },
});
