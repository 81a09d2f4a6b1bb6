import type { DeleteUserPoolRequest } from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from '../errors.js';
import { USER_POOL_ID } from '../validation.js';
import { type NoOutput, target } from './target.js';

/** Deletes a pool with its clients, users, codes and sessions, unless deletion protection is on. */
export const DeleteUserPool = target<DeleteUserPoolRequest, NoOutput>({
  signed: true,
  input: { UserPoolId: USER_POOL_ID },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    if (pool.config.DeletionProtection === 'ACTIVE') {
      throw invalidParameter('The user pool cannot be deleted because deletion protection is activated.');
    }
    ctx.pools.deletePool(pool.id);
    return {};
  },
});
