import type {
  CreateUserPoolClientRequest,
  CreateUserPoolClientResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from '../errors.js';
import { newClientId, newClientSecret } from '../ids.js';
import {
  assertClientAttributesExist,
  CLIENT_NAME,
  CLIENT_SETTINGS,
  clientConfigFromInput,
} from '../services/client-config.js';
import { assertOAuthSettings } from '../services/client-oauth.js';
import { CUSTOM_CLIENT_SECRET } from '../services/client-secrets.js';
import { resourceServerScopes } from '../services/oauth-config.js';
import { describeClient } from '../store/pools.js';
import { USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

export const CreateUserPoolClient = target<CreateUserPoolClientRequest, CreateUserPoolClientResponse>({
  signed: true,
  input: {
    UserPoolId: USER_POOL_ID,
    ...CLIENT_SETTINGS,
    ClientName: { ...CLIENT_NAME, required: true },
    GenerateSecret: { type: 'boolean' },
    ClientSecret: CUSTOM_CLIENT_SECRET,
  },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    assertClientAttributesExist(pool, input, 'creating');
    if (input.GenerateSecret && input.ClientSecret !== undefined) {
      throw invalidParameter('GenerateSecret cannot be true when a ClientSecret is provided.');
    }
    const secret = input.ClientSecret ?? (input.GenerateSecret ? newClientSecret() : undefined);
    assertOAuthSettings(input, {
      hasSecret: secret !== undefined,
      customScopes: resourceServerScopes(ctx, pool.id),
    });
    const now = ctx.now();
    const id = newClientId();
    ctx.pools.insertClient({
      id,
      poolId: pool.id,
      config: clientConfigFromInput(input),
      createdAt: now,
      updatedAt: now,
      ...(secret !== undefined ? { secret } : {}),
    });
    return { UserPoolClient: describeClient(ctx.pools.getClient(id)) };
  },
});
