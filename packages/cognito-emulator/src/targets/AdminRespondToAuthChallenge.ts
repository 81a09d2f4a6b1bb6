import type { Target } from '../context.js';
import { CHALLENGE_NAMES, respondToChallenge } from '../services/challenge-response.js';
import { CLIENT_ID, CLIENT_METADATA, USER_POOL_ID, validate } from '../validation.js';

export const AdminRespondToAuthChallenge: Target = (ctx, body) => {
  const input = validate(body, {
    UserPoolId: USER_POOL_ID,
    ClientId: CLIENT_ID,
    ChallengeName: { type: 'string', required: true, enum: CHALLENGE_NAMES },
    Session: { type: 'string', min: 20, max: 2048 },
    ChallengeResponses: { type: 'map', sensitive: true },
    ClientMetadata: CLIENT_METADATA,
    AnalyticsMetadata: { type: 'structure' },
    ContextData: { type: 'structure' },
  });
  const client = ctx.pools.getClientOfPool(input.UserPoolId as string, input.ClientId as string);
  return respondToChallenge(ctx, ctx.pools.getPool(client.poolId), client, input as never);
};
