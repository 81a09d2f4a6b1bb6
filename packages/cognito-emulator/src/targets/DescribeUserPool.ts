import type {
  DescribeUserPoolRequest,
  DescribeUserPoolResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { poolDomainFields } from '../services/domains.js';
import { describePool } from '../store/pools.js';
import { USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

export const DescribeUserPool = target<DescribeUserPoolRequest, DescribeUserPoolResponse>({
  signed: true,
  input: { UserPoolId: USER_POOL_ID },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    const described = describePool(pool, ctx.users.count(pool.id));
    return { UserPool: { ...described, ...poolDomainFields(ctx.domains.ofPool(pool.id)) } };
  },
});
