import type { Target } from '../context.js';
import { CLIENT_ID, USER_POOL_ID, validate } from '../validation.js';

/** Deletes a client; the refresh tokens it issued stop working. */
export const DeleteUserPoolClient: Target = (ctx, body) => {
  const input = validate(body, { UserPoolId: USER_POOL_ID, ClientId: CLIENT_ID });
  const client = ctx.pools.getClientOfPool(input.UserPoolId as string, input.ClientId as string);
  ctx.pools.deleteClient(client.id);
  return {};
};
