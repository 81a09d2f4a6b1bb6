import type {
  AdminUserGlobalSignOutRequest,
  AdminUserGlobalSignOutResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { ADMIN_USER } from '../validation.js';
import { target } from './target.js';

/** Revokes every refresh token of the user and the access tokens issued from them. */
export const AdminUserGlobalSignOut = target<AdminUserGlobalSignOutRequest, AdminUserGlobalSignOutResponse>({
  signed: true,
  input: ADMIN_USER,
  handler: (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    ctx.tokens.revokeUser(pool.id, user.username);
    return {};
  },
});
