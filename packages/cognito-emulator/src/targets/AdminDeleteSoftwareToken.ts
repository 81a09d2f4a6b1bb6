import type {
  AdminDeleteSoftwareTokenRequest,
  AdminDeleteSoftwareTokenResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { ADMIN_USER } from '../validation.js';
import { target } from './target.js';

/**
 * Removes a user's authenticator app (a lost phone): its secret goes, software-token MFA is off for
 * the user, and it is no longer preferred. The user may associate a new one.
 */
export const AdminDeleteSoftwareToken = target<
  AdminDeleteSoftwareTokenRequest,
  AdminDeleteSoftwareTokenResponse
>({
  signed: true,
  input: ADMIN_USER,
  handler: (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    ctx.mfa.deleteSoftwareToken(pool.id, user.username);
    return {};
  },
});
