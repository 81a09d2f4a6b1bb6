import type {
  DescribeResourceServerRequest,
  DescribeResourceServerResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  describeResourceServer,
  RESOURCE_SERVER_IDENTIFIER,
  resourceServerNotFound,
} from '../services/resource-servers.js';
import { USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

export const DescribeResourceServer = target<DescribeResourceServerRequest, DescribeResourceServerResponse>({
  signed: true,
  input: { UserPoolId: USER_POOL_ID, Identifier: RESOURCE_SERVER_IDENTIFIER },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    const server = ctx.resourceServers.find(pool.id, input.Identifier);
    if (!server) throw resourceServerNotFound(input.Identifier);
    return { ResourceServer: describeResourceServer(server) };
  },
});
