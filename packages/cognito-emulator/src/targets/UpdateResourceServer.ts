import type {
  UpdateResourceServerRequest,
  UpdateResourceServerResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  describeResourceServer,
  RESOURCE_SERVER_IDENTIFIER,
  RESOURCE_SERVER_NAME,
  RESOURCE_SERVER_SCOPES,
  resourceServerNotFound,
} from '../services/resource-servers.js';
import { USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

/**
 * Replaces a resource server's name and scopes. As AWS documents for its Update operations, what
 * the request leaves out goes back to its default: no `Scopes` leaves the server without scopes.
 */
export const UpdateResourceServer = target<UpdateResourceServerRequest, UpdateResourceServerResponse>({
  signed: true,
  input: {
    UserPoolId: USER_POOL_ID,
    Identifier: RESOURCE_SERVER_IDENTIFIER,
    Name: RESOURCE_SERVER_NAME,
    Scopes: RESOURCE_SERVER_SCOPES,
  },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    const server = {
      poolId: pool.id,
      identifier: input.Identifier,
      name: input.Name,
      scopes: input.Scopes ?? [],
    };
    if (!ctx.resourceServers.update(server)) throw resourceServerNotFound(input.Identifier);
    return { ResourceServer: describeResourceServer(server) };
  },
});
