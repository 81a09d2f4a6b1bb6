import type { Target } from '../context.js';
import {
  CLIENT_NAME,
  CLIENT_SETTINGS,
  clientConfigFromInput,
  describeClient,
} from '../services/client-config.js';
import { CLIENT_ID, USER_POOL_ID, validate } from '../validation.js';

/**
 * Replaces a client's settings. As AWS documents, every setting the request leaves out goes back
 * to its default (the auth flows included); the name, id and secret are kept.
 */
export const UpdateUserPoolClient: Target = (ctx, body) => {
  const input = validate(body, {
    UserPoolId: USER_POOL_ID,
    ClientId: CLIENT_ID,
    ClientName: CLIENT_NAME,
    ...CLIENT_SETTINGS,
  });
  const client = ctx.pools.getClientOfPool(input.UserPoolId as string, input.ClientId as string);
  const updated = {
    ...client,
    config: clientConfigFromInput({ ...input, ClientName: input.ClientName ?? client.config.ClientName }),
    updatedAt: ctx.now(),
  };
  ctx.pools.updateClient(updated);
  return { UserPoolClient: describeClient(updated) };
};
