import type {
  AdminGetUserAuthFactorsRequest,
  AdminGetUserAuthFactorsResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { userAuthFactors } from '../services/user-auth-factors.js';
import { ADMIN_USER } from '../validation.js';
import { target } from './target.js';

/** A user's sign-in factors, as GetUserAuthFactors tells them, for an administrator. */
export const AdminGetUserAuthFactors = target<
  AdminGetUserAuthFactorsRequest,
  AdminGetUserAuthFactorsResponse
>({
  signed: true,
  input: ADMIN_USER,
  handler: (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    return userAuthFactors(ctx, pool, user);
  },
});
