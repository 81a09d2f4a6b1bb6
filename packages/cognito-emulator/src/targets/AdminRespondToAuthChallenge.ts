import type {
  AdminRespondToAuthChallengeRequest,
  AdminRespondToAuthChallengeResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { CHALLENGE_NAMES, respondToChallenge } from '../services/challenge-response.js';
import { CLIENT_ID, CLIENT_METADATA, USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

export const AdminRespondToAuthChallenge = target<
  AdminRespondToAuthChallengeRequest,
  AdminRespondToAuthChallengeResponse
>({
  signed: true,
  input: {
    UserPoolId: USER_POOL_ID,
    ClientId: CLIENT_ID,
    ChallengeName: { type: 'string', required: true, enum: CHALLENGE_NAMES },
    Session: { type: 'string', min: 20, max: 2048 },
    ChallengeResponses: { type: 'map', sensitive: true },
    ClientMetadata: CLIENT_METADATA,
    AnalyticsMetadata: { type: 'structure' },
    ContextData: { type: 'structure' },
  },
  handler: (ctx, input, request) => {
    const client = ctx.pools.getClientOfPool(input.UserPoolId, input.ClientId);
    const pool = ctx.pools.getPool(client.poolId);
    return respondToChallenge(ctx, pool, client, input, { ...request, clientMetadata: input.ClientMetadata });
  },
});
