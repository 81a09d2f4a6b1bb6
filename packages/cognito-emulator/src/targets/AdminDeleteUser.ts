import type { AdminDeleteUserRequest } from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { ADMIN_USER } from '../validation.js';
import { type NoOutput, target } from './target.js';

/** Deletes a user with its codes, memberships and sessions (its refresh tokens stop working). */
export const AdminDeleteUser = target<AdminDeleteUserRequest, NoOutput>({
  signed: true,
  input: ADMIN_USER,
  handler: (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    ctx.users.delete(pool, user.username);
    return {};
  },
});
