import type { Target } from '../context.js';
import { CognitoError, invalidParameter, notAuthorized } from '../errors.js';
import { assertFlowEnabled } from '../services/pools.js';
import { assertSecretHash } from '../services/secret-hash.js';
import { assertMaySignIn, groupsOf, passwordSignIn } from '../services/sign-in.js';
import { CLIENT_ID, CLIENT_METADATA, validate } from '../validation.js';

export const AUTH_FLOW_TYPES = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
] as const;

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
    throw invalidParameter(`Initiate Auth method not supported.`);
  }
  assertFlowEnabled(client, flow);
  switch (flow) {
    case 'USER_PASSWORD_AUTH':
      return passwordSignIn(ctx, pool, client, parameters);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN': {
      const token = parameters.REFRESH_TOKEN;
      if (!token) throw invalidParameter('Missing required parameter REFRESH_TOKEN');
      const session = ctx.tokens.sessionOfRefreshToken(client, token);
      const user = ctx.users.findByUsername(pool, session.username);
      if (!user) throw notAuthorized('Invalid Refresh Token');
      // The secret hash of a refresh is over the user's internal user name (the sub in email pools).
      assertSecretHash(client, user.username, parameters.SECRET_HASH);
      assertMaySignIn(user);
      const result = await ctx.tokens.refresh(
        pool,
        client,
        user,
        groupsOf(ctx, pool, user),
        session.origin_jti,
        session.auth_time,
      );
      return { ChallengeParameters: {}, AuthenticationResult: result };
    }
    default:
      throw new CognitoError(
        'UnsupportedOperationException',
        `The ${flow} flow is not supported by cognito-emulator; use USER_PASSWORD_AUTH.`,
      );
  }
};
