import type {
  UpdateUserPoolClientRequest,
  UpdateUserPoolClientResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  assertClientAttributesExist,
  CLIENT_NAME,
  CLIENT_SETTINGS,
  clientConfigFromInput,
} from '../services/client-config.js';
import { assertOAuthSettings } from '../services/client-oauth.js';
import { resourceServerScopes } from '../services/oauth-config.js';
import { describeClient } from '../store/pools.js';
import { CLIENT_ID, USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

/**
 * Replaces a client's settings. As AWS documents, every setting the request leaves out goes back
 * to its default (the auth flows and OAuth settings included); the name, id and secrets are kept.
 */
export const UpdateUserPoolClient = target<UpdateUserPoolClientRequest, UpdateUserPoolClientResponse>({
  signed: true,
  input: {
    UserPoolId: USER_POOL_ID,
    ClientId: CLIENT_ID,
    ClientName: CLIENT_NAME,
    ...CLIENT_SETTINGS,
  },
  handler: (ctx, input) => {
    const client = ctx.pools.getClientOfPool(input.UserPoolId, input.ClientId);
    assertClientAttributesExist(ctx.pools.getPool(input.UserPoolId), input, 'updating');
    assertOAuthSettings(input, {
      hasSecret: client.secret !== undefined,
      customScopes: resourceServerScopes(ctx, client.poolId),
    });
    const updated = {
      ...client,
      config: clientConfigFromInput({ ...input, ClientName: input.ClientName ?? client.config.ClientName }),
      updatedAt: ctx.now(),
    };
    ctx.pools.updateClient(updated);
    return { UserPoolClient: describeClient(updated) };
  },
});
