import type { InitiateAuthRequest, InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from '../errors.js';
import { assertFlowEnabled } from '../store/pools.js';
import { runAuthFlow } from '../services/sign-in.js';
import { AUTH_FLOW_TYPES, CLIENT_ID, CLIENT_METADATA } from '../validation.js';
import { target } from './target.js';

export const InitiateAuth = target<InitiateAuthRequest, InitiateAuthResponse>({
  signed: false,
  input: {
    AuthFlow: { type: 'string', required: true, enum: AUTH_FLOW_TYPES },
    ClientId: CLIENT_ID,
    AuthParameters: { type: 'map', sensitive: true },
    ClientMetadata: CLIENT_METADATA,
    Session: { type: 'string', min: 20, max: 2048 },
  },
  handler: async (ctx, input, request) => {
    const flow = input.AuthFlow;
    const client = ctx.pools.getClient(input.ClientId);
    const pool = ctx.pools.getPool(client.poolId);
    const parameters = input.AuthParameters ?? {};
    if (flow === 'ADMIN_NO_SRP_AUTH' || flow === 'ADMIN_USER_PASSWORD_AUTH') {
      throw invalidParameter('Initiate Auth method not supported.');
    }
    assertFlowEnabled(client, flow);
    // AWS gives InitiateAuth's ClientMetadata to pre authentication as its validationData.
    return runAuthFlow(ctx, pool, client, flow, parameters, {
      ...request,
      validationData: input.ClientMetadata,
    });
  },
});
