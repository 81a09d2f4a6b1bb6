import type {
  AdminConfirmSignUpRequest,
  AdminConfirmSignUpResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { notAuthorized } from '../errors.js';
import { postConfirmation } from '../services/trigger-confirmation.js';
import { CLIENT_METADATA, USER_POOL_ID, USERNAME } from '../validation.js';
import { target } from './target.js';

/**
 * Confirms a user without a code, as an administrator does; the post confirmation trigger runs as
 * after ConfirmSignUp (`PostConfirmation_ConfirmSignUp`, no app client).
 */
export const AdminConfirmSignUp = target<AdminConfirmSignUpRequest, AdminConfirmSignUpResponse>({
  signed: true,
  input: {
    UserPoolId: USER_POOL_ID,
    Username: USERNAME,
    ClientMetadata: CLIENT_METADATA,
  },
  handler: async (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    const user = ctx.users.getBySignInName(pool, input.Username);
    if (user.status !== 'UNCONFIRMED') {
      throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
    }
    user.status = 'CONFIRMED';
    user.updatedAt = ctx.now();
    ctx.users.update(pool, user);
    ctx.codes.discard(pool.id, user.username, 'SIGN_UP');
    await postConfirmation(ctx, pool, user, {
      source: 'PostConfirmation_ConfirmSignUp',
      clientMetadata: input.ClientMetadata,
    });
    return {};
  },
});
