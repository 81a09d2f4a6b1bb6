import type {
  AdminEnableUserRequest,
  AdminEnableUserResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { ADMIN_USER } from '../validation.js';
import { target } from './target.js';

export const AdminEnableUser = target<AdminEnableUserRequest, AdminEnableUserResponse>({
  signed: true,
  input: ADMIN_USER,
  handler: (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    user.enabled = true;
    user.updatedAt = ctx.now();
    ctx.users.update(pool, user);
    return {};
  },
});
