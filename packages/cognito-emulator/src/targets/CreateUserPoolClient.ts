import type { Target } from '../context.js';
import { newClientId, newClientSecret } from '../ids.js';
import {
  CLIENT_NAME,
  CLIENT_SETTINGS,
  clientConfigFromInput,
  describeClient,
} from '../services/client-config.js';
import { USER_POOL_ID, validate } from '../validation.js';

export const CreateUserPoolClient: Target = (ctx, body) => {
  const input = validate(body, {
    UserPoolId: USER_POOL_ID,
    ...CLIENT_SETTINGS,
    ClientName: { ...CLIENT_NAME, required: true },
    GenerateSecret: { type: 'boolean' },
  });
  const pool = ctx.pools.getPool(input.UserPoolId as string);
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
};
