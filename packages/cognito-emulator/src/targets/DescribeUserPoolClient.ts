import type {
  DescribeUserPoolClientRequest,
  DescribeUserPoolClientResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { describeClient } from '../store/pools.js';
import { CLIENT_ID, USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

export const DescribeUserPoolClient = target<DescribeUserPoolClientRequest, DescribeUserPoolClientResponse>({
  signed: true,
  input: { UserPoolId: USER_POOL_ID, ClientId: CLIENT_ID },
  handler: (ctx, input) => {
    const client = ctx.pools.getClientOfPool(input.UserPoolId, input.ClientId);
    return { UserPoolClient: describeClient(client) };
  },
});
