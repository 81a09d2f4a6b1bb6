import type { Target } from '../context.js';
import { userOfAccessToken } from '../services/access.js';
import { TOKEN, validate } from '../validation.js';

/** Revokes every refresh token of the user and every access token issued from them. */
export const GlobalSignOut: Target = (ctx, body) => {
  const input = validate(body, { AccessToken: TOKEN });
  const { pool, user } = userOfAccessToken(ctx, input.AccessToken as string);
  ctx.tokens.revokeUser(pool.id, user.username);
  return {};
};
