import type {
  AdminInitiateAuthRequest,
  AdminInitiateAuthResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from '../errors.js';
import { assertFlowEnabled } from '../store/pools.js';
import { runAuthFlow } from '../services/sign-in.js';
import { AUTH_FLOW_TYPES, CLIENT_ID, CLIENT_METADATA, USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

/** Sign-in from a trusted back end (SigV4-signed): ADMIN_USER_PASSWORD_AUTH, USER_SRP_AUTH, USER_AUTH, CUSTOM_AUTH and refresh. */
export const AdminInitiateAuth = target<AdminInitiateAuthRequest, AdminInitiateAuthResponse>({
  signed: true,
  input: {
    UserPoolId: USER_POOL_ID,
    ClientId: CLIENT_ID,
    AuthFlow: { type: 'string', required: true, enum: AUTH_FLOW_TYPES },
    AuthParameters: { type: 'map', sensitive: true },
    ClientMetadata: CLIENT_METADATA,
    AnalyticsMetadata: { type: 'structure' },
    ContextData: { type: 'structure' },
    Session: { type: 'string', min: 20, max: 2048 },
  },
  handler: async (ctx, input, request) => {
    const flow = input.AuthFlow;
    const client = ctx.pools.getClientOfPool(input.UserPoolId, input.ClientId);
    const pool = ctx.pools.getPool(client.poolId);
    const parameters = input.AuthParameters ?? {};
    if (flow === 'USER_PASSWORD_AUTH') {
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
