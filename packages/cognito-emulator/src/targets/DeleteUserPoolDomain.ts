import type { DeleteUserPoolDomainRequest } from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from '../errors.js';
import { DOMAIN } from '../services/domains.js';
import { USER_POOL_ID } from '../validation.js';
import { type NoOutput, target } from './target.js';

/** Deletes a pool's domain; its name is free again. A name the pool does not hold is AWS's error. */
export const DeleteUserPoolDomain = target<DeleteUserPoolDomainRequest, NoOutput>({
  signed: true,
  input: { Domain: DOMAIN, UserPoolId: USER_POOL_ID },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    if (!ctx.domains.delete(pool.id, input.Domain)) {
      throw invalidParameter('No such domain or user pool exists.');
    }
    return {};
  },
});
