import type { Target } from '../context.js';
import { invalidParameter } from '../errors.js';
import { assertFlowEnabled } from '../services/pools.js';
import { runAuthFlow } from '../services/sign-in.js';
import { AUTH_FLOW_TYPES, CLIENT_ID, CLIENT_METADATA, USER_POOL_ID, validate } from '../validation.js';

/** Sign-in from a trusted back end (SigV4-signed): ADMIN_USER_PASSWORD_AUTH and refresh. */
export const AdminInitiateAuth: Target = async (ctx, body) => {
  const input = validate(body, {
    UserPoolId: USER_POOL_ID,
    ClientId: CLIENT_ID,
    AuthFlow: { type: 'string', required: true, enum: AUTH_FLOW_TYPES },
    AuthParameters: { type: 'map', sensitive: true },
    ClientMetadata: CLIENT_METADATA,
    AnalyticsMetadata: { type: 'structure' },
    ContextData: { type: 'structure' },
    Session: { type: 'string', min: 20, max: 2048 },
  });
  const flow = input.AuthFlow as string;
  const client = ctx.pools.getClientOfPool(input.UserPoolId as string, input.ClientId as string);
  const pool = ctx.pools.getPool(client.poolId);
  const parameters = (input.AuthParameters ?? {}) as Record<string, string>;
  if (flow === 'USER_PASSWORD_AUTH' || flow === 'USER_SRP_AUTH') {
    throw invalidParameter('Initiate Auth method not supported.');
  }
  assertFlowEnabled(client, flow);
  return runAuthFlow(ctx, pool, client, flow, parameters);
};
