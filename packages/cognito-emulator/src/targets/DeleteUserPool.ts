import type { Target } from '../context.js';
import { invalidParameter } from '../errors.js';
import { USER_POOL_ID, validate } from '../validation.js';

/** Deletes a pool with its clients, users, codes and sessions, unless deletion protection is on. */
export const DeleteUserPool: Target = (ctx, body) => {
  const input = validate(body, { UserPoolId: USER_POOL_ID });
  const pool = ctx.pools.getPool(input.UserPoolId as string);
  if (pool.config.DeletionProtection === 'ACTIVE') {
    throw invalidParameter('The user pool cannot be deleted because deletion protection is activated.');
  }
  ctx.pools.deletePool(pool.id);
  return {};
};
