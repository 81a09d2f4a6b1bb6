import type { DeleteUserPoolRequest } from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from '../errors.js';
import { USER_POOL_ID } from '../validation.js';
import { type NoOutput, target } from './target.js';

/**
 * Deletes a pool with its clients, users, codes, sessions and resource servers, unless deletion
 * protection is on or it still has a domain: AWS refuses that until the domain is deleted.
 */
export const DeleteUserPool = target<DeleteUserPoolRequest, NoOutput>({
  signed: true,
  input: { UserPoolId: USER_POOL_ID },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    if (pool.config.DeletionProtection === 'ACTIVE') {
      throw invalidParameter('The user pool cannot be deleted because deletion protection is activated.');
    }
    if (ctx.domains.ofPool(pool.id).length > 0) {
      throw invalidParameter(
        'User pool cannot be deleted. It has a domain configured that should be deleted first.',
      );
    }
    ctx.pools.deletePool(pool.id);
    return {};
  },
});
