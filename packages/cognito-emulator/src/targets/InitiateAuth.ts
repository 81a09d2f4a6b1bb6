import type { Target } from '../context.js';
import { invalidParameter } from '../errors.js';
import { assertFlowEnabled } from '../services/pools.js';
import { runAuthFlow } from '../services/sign-in.js';
import { AUTH_FLOW_TYPES, CLIENT_ID, CLIENT_METADATA, validate } from '../validation.js';

export const InitiateAuth: Target = async (ctx, body) => {
  const input = validate(body, {
    AuthFlow: { type: 'string', required: true, enum: AUTH_FLOW_TYPES },
    ClientId: CLIENT_ID,
    AuthParameters: { type: 'map', sensitive: true },
    ClientMetadata: CLIENT_METADATA,
    Session: { type: 'string', min: 20, max: 2048 },
  });
  const flow = input.AuthFlow as string;
  const client = ctx.pools.getClient(input.ClientId as string);
  const pool = ctx.pools.getPool(client.poolId);
  const parameters = (input.AuthParameters ?? {}) as Record<string, string>;
  if (flow === 'ADMIN_NO_SRP_AUTH' || flow === 'ADMIN_USER_PASSWORD_AUTH') {
    throw invalidParameter('Initiate Auth method not supported.');
  }
  assertFlowEnabled(client, flow);
  return runAuthFlow(ctx, pool, client, flow, parameters);
};
