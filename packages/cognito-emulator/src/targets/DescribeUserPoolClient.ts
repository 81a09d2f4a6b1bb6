import type { Target } from '../context.js';
import { describeClient } from '../services/client-config.js';
import { CLIENT_ID, USER_POOL_ID, validate } from '../validation.js';

export const DescribeUserPoolClient: Target = (ctx, body) => {
  const input = validate(body, { UserPoolId: USER_POOL_ID, ClientId: CLIENT_ID });
  const client = ctx.pools.getClientOfPool(input.UserPoolId as string, input.ClientId as string);
  return { UserPoolClient: describeClient(client) };
};
