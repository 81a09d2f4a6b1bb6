import type {
  RespondToAuthChallengeRequest,
  RespondToAuthChallengeResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { CHALLENGE_NAMES, respondToChallenge } from '../services/challenge-response.js';
import { CLIENT_ID, CLIENT_METADATA } from '../validation.js';
import { target } from './target.js';

export const RespondToAuthChallenge = target<RespondToAuthChallengeRequest, RespondToAuthChallengeResponse>({
  signed: false,
  input: {
    ClientId: CLIENT_ID,
    ChallengeName: { type: 'string', required: true, enum: CHALLENGE_NAMES },
    Session: { type: 'string', min: 20, max: 2048 },
    ChallengeResponses: { type: 'map', sensitive: true },
    ClientMetadata: CLIENT_METADATA,
    AnalyticsMetadata: { type: 'structure' },
    UserContextData: { type: 'structure' },
  },
  handler: (ctx, input, request) => {
    const client = ctx.pools.getClient(input.ClientId);
    const pool = ctx.pools.getPool(client.poolId);
    return respondToChallenge(ctx, pool, client, input, { ...request, clientMetadata: input.ClientMetadata });
  },
});
