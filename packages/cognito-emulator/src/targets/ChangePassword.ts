import { passwordSecrets } from '../services/srp-verifier.js';
import type {
  ChangePasswordRequest,
  ChangePasswordResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { INCORRECT_CREDENTIALS, notAuthorized } from '../errors.js';
import { userOfAccessToken } from '../services/access.js';
import { assertPasswordConforms } from '../services/passwords.js';
import { PASSWORD, TOKEN } from '../validation.js';
import { target } from './target.js';

export const ChangePassword = target<ChangePasswordRequest, ChangePasswordResponse>({
  signed: false,
  input: {
    PreviousPassword: { ...PASSWORD, required: false },
    ProposedPassword: PASSWORD,
    AccessToken: TOKEN,
  },
  handler: async (ctx, input) => {
    const { pool, user } = userOfAccessToken(ctx, input.AccessToken);
    const previous = input.PreviousPassword;
    if (previous === undefined || !(await ctx.passwords.verify(previous, user.passwordHash))) {
      throw notAuthorized(INCORRECT_CREDENTIALS);
    }
    const proposed = input.ProposedPassword;
    assertPasswordConforms(proposed, pool.config.Policies.PasswordPolicy);
    Object.assign(user, await passwordSecrets(ctx, pool, user.username, proposed));
    user.updatedAt = ctx.now();
    ctx.users.update(pool, user);
    return {};
  },
});
