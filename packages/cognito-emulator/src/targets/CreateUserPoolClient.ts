import type {
  CreateUserPoolClientRequest,
  CreateUserPoolClientResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { newClientId, newClientSecret } from '../ids.js';
import {
  assertClientAttributesExist,
  CLIENT_NAME,
  CLIENT_SETTINGS,
  clientConfigFromInput,
} from '../services/client-config.js';
import { describeClient } from '../store/pools.js';
import { USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

export const CreateUserPoolClient = target<CreateUserPoolClientRequest, CreateUserPoolClientResponse>({
  signed: true,
  input: {
    UserPoolId: USER_POOL_ID,
    ...CLIENT_SETTINGS,
    ClientName: { ...CLIENT_NAME, required: true },
    GenerateSecret: { type: 'boolean' },
  },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    assertClientAttributesExist(pool, input, 'creating');
    const now = ctx.now();
    const client = {
      id: newClientId(),
      poolId: pool.id,
      config: clientConfigFromInput(input),
      createdAt: now,
      updatedAt: now,
      ...(input.GenerateSecret ? { secret: newClientSecret() } : {}),
    };
    ctx.pools.insertClient(client);
    return { UserPoolClient: describeClient(client) };
  },
});
