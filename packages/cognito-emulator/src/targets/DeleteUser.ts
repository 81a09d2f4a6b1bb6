import type { Target } from '../context.js';
import { userOfAccessToken } from '../services/access.js';
import { TOKEN, validate } from '../validation.js';

export const DeleteUser: Target = (ctx, body) => {
  const input = validate(body, { AccessToken: TOKEN });
  const { pool, user } = userOfAccessToken(ctx, input.AccessToken as string);
  ctx.users.delete(pool, user.username);
  return {};
};
