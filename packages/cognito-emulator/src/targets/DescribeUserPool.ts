import type { Target } from '../context.js';
import { describePool } from '../services/pool-config.js';
import { USER_POOL_ID, validate } from '../validation.js';

export const DescribeUserPool: Target = (ctx, body) => {
  const input = validate(body, { UserPoolId: USER_POOL_ID });
  const pool = ctx.pools.getPool(input.UserPoolId as string);
  return { UserPool: describePool(pool, ctx.users.count(pool.id)) };
};
