import type { Target } from '../context.js';
import { CHALLENGE_NAMES, respondToChallenge } from '../services/challenge-response.js';
import { CLIENT_ID, CLIENT_METADATA, validate } from '../validation.js';

export const RespondToAuthChallenge: Target = (ctx, body) => {
  const input = validate(body, {
    ClientId: CLIENT_ID,
    ChallengeName: { type: 'string', required: true, enum: CHALLENGE_NAMES },
    Session: { type: 'string', min: 20, max: 2048 },
    ChallengeResponses: { type: 'map', sensitive: true },
    ClientMetadata: CLIENT_METADATA,
    AnalyticsMetadata: { type: 'structure' },
    UserContextData: { type: 'structure' },
  });
  const client = ctx.pools.getClient(input.ClientId as string);
  return respondToChallenge(ctx, ctx.pools.getPool(client.poolId), client, input as never);
};
