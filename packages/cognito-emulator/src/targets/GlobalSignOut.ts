import type { GlobalSignOutRequest, GlobalSignOutResponse } from '@aws-sdk/client-cognito-identity-provider';
import { userOfAccessToken } from '../services/access.js';
import { TOKEN } from '../validation.js';
import { target } from './target.js';

/** Revokes every refresh token of the user and every access token issued from them. */
export const GlobalSignOut = target<GlobalSignOutRequest, GlobalSignOutResponse>({
  signed: false,
  input: { AccessToken: TOKEN },
  handler: (ctx, input) => {
    const { pool, user } = userOfAccessToken(ctx, input.AccessToken);
    ctx.tokens.revokeUser(pool.id, user.username);
    return {};
  },
});
