import type { AdminGetUserRequest, AdminGetUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { describeUser } from '../store/users.js';
import { mfaSettingsOf } from '../services/user-mfa.js';
import { ADMIN_USER } from '../validation.js';
import { target } from './target.js';

export const AdminGetUser = target<AdminGetUserRequest, AdminGetUserResponse>({
  signed: true,
  input: ADMIN_USER,
  handler: (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    // AdminGetUser names the attributes `UserAttributes` where the user listings say `Attributes`.
    const { Attributes, ...described } = describeUser(user);
    return { ...described, UserAttributes: Attributes, ...mfaSettingsOf(ctx, pool, user) };
  },
});
