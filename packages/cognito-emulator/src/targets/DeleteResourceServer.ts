import type { DeleteResourceServerRequest } from '@aws-sdk/client-cognito-identity-provider';
import { RESOURCE_SERVER_IDENTIFIER, resourceServerNotFound } from '../services/resource-servers.js';
import { USER_POOL_ID } from '../validation.js';
import { type NoOutput, target } from './target.js';

export const DeleteResourceServer = target<DeleteResourceServerRequest, NoOutput>({
  signed: true,
  input: { UserPoolId: USER_POOL_ID, Identifier: RESOURCE_SERVER_IDENTIFIER },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    if (!ctx.resourceServers.delete(pool.id, input.Identifier))
      throw resourceServerNotFound(input.Identifier);
    return {};
  },
});
