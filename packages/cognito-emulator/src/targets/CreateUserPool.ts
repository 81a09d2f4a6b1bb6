import type {
  CreateUserPoolRequest,
  CreateUserPoolResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { newPoolId } from '../ids.js';
import { newSigningKey } from '../services/keys.js';
import { POOL_NAME, POOL_SETTINGS, poolConfigFromInput } from '../services/pool-config.js';
import { describePool } from '../store/pools.js';
import { target } from './target.js';

export const CreateUserPool = target<CreateUserPoolRequest, CreateUserPoolResponse>({
  signed: true,
  input: {
    PoolName: { ...POOL_NAME, required: true },
    ...POOL_SETTINGS,
    UsernameAttributes: { type: 'list', item: { type: 'string', enum: ['email', 'phone_number'] } },
    AliasAttributes: {
      type: 'list',
      item: { type: 'string', enum: ['phone_number', 'email', 'preferred_username'] },
    },
    Schema: { type: 'list', min: 1, max: 50 },
    UsernameConfiguration: {
      type: 'structure',
      members: { CaseSensitive: { type: 'boolean', required: true } },
    },
  },
  handler: async (ctx, input) => {
    const config = poolConfigFromInput(input);
    const { pem, kid } = await newSigningKey();
    const now = ctx.now();
    const pool = {
      id: newPoolId(ctx.region),
      config,
      kid,
      signingKeyPem: pem,
      createdAt: now,
      updatedAt: now,
    };
    ctx.pools.insertPool(pool);
    return { UserPool: describePool(pool, 0) };
  },
});
