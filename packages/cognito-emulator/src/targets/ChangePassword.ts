import type { Target } from '../context.js';
import { INCORRECT_CREDENTIALS, notAuthorized } from '../errors.js';
import { userOfAccessToken } from '../services/access.js';
import { assertPasswordConforms } from '../services/passwords.js';
import { PASSWORD, TOKEN, validate } from '../validation.js';

export const ChangePassword: Target = async (ctx, body) => {
  const input = validate(body, {
    PreviousPassword: { ...PASSWORD, required: false },
    ProposedPassword: PASSWORD,
    AccessToken: TOKEN,
  });
  const { pool, user } = userOfAccessToken(ctx, input.AccessToken as string);
  const previous = input.PreviousPassword as string | undefined;
  if (previous === undefined || !(await ctx.passwords.verify(previous, user.passwordHash))) {
    throw notAuthorized(INCORRECT_CREDENTIALS);
  }
  const proposed = input.ProposedPassword as string;
  assertPasswordConforms(proposed, pool.config.Policies.PasswordPolicy);
  user.passwordHash = await ctx.passwords.hash(proposed);
  user.updatedAt = ctx.now();
  ctx.users.update(pool, user);
  return {};
};
