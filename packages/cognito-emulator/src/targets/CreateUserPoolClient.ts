import type { Target } from '../context.js';
import { newClientId, newClientSecret } from '../ids.js';
import { AUTH_FLOWS, clientConfigFromInput, describeClient, TIME_UNITS } from '../services/client-config.js';
import { USER_POOL_ID, validate } from '../validation.js';

export const CreateUserPoolClient: Target = (ctx, body) => {
  const input = validate(body, {
    UserPoolId: USER_POOL_ID,
    ClientName: { type: 'string', required: true, min: 1, max: 128, pattern: /^[\w\s+=,.@-]+$/ },
    GenerateSecret: { type: 'boolean' },
    RefreshTokenValidity: { type: 'integer', min: 0, max: 315360000 },
    AccessTokenValidity: { type: 'integer', min: 1, max: 86400 },
    IdTokenValidity: { type: 'integer', min: 1, max: 86400 },
    TokenValidityUnits: {
      type: 'structure',
      members: {
        AccessToken: { type: 'string', enum: TIME_UNITS },
        IdToken: { type: 'string', enum: TIME_UNITS },
        RefreshToken: { type: 'string', enum: TIME_UNITS },
      },
    },
    ExplicitAuthFlows: { type: 'list', item: { type: 'string', enum: AUTH_FLOWS } },
    PreventUserExistenceErrors: { type: 'string', enum: ['LEGACY', 'ENABLED'] },
    EnableTokenRevocation: { type: 'boolean' },
    AuthSessionValidity: { type: 'integer', min: 3, max: 15 },
    ReadAttributes: { type: 'list', item: { type: 'string', min: 1, max: 2048 } },
    WriteAttributes: { type: 'list', item: { type: 'string', min: 1, max: 2048 } },
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
