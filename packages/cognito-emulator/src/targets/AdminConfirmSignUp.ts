import type { Target } from '../context.js';
import { notAuthorized } from '../errors.js';
import { CLIENT_METADATA, USER_POOL_ID, USERNAME, validate } from '../validation.js';

/** Confirms a user without a code, as an administrator does. */
export const AdminConfirmSignUp: Target = (ctx, body) => {
  const input = validate(body, {
    UserPoolId: USER_POOL_ID,
    Username: USERNAME,
    ClientMetadata: CLIENT_METADATA,
  });
  const pool = ctx.pools.getPool(input.UserPoolId as string);
  const user = ctx.users.getBySignInName(pool, input.Username as string);
  if (user.status !== 'UNCONFIRMED') {
    throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
  }
  user.status = 'CONFIRMED';
  user.updatedAt = ctx.now();
  ctx.users.update(pool, user);
  ctx.codes.discard(pool.id, user.username, 'SIGN_UP');
  return {};
};
