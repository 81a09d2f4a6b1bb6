import type {
  CreateResourceServerRequest,
  CreateResourceServerResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from '../errors.js';
import {
  describeResourceServer,
  RESOURCE_SERVER_IDENTIFIER,
  RESOURCE_SERVER_NAME,
  RESOURCE_SERVER_SCOPES,
} from '../services/resource-servers.js';
import { USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

/** Adds a resource server and its custom scopes; its identifier is unique in the pool (the store decides). */
export const CreateResourceServer = target<CreateResourceServerRequest, CreateResourceServerResponse>({
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
    if (!ctx.resourceServers.insert(server, ctx.now())) {
      throw invalidParameter(`${input.Identifier} already exists in user pool ${pool.id}.`);
    }
    return { ResourceServer: describeResourceServer(server) };
  },
});
