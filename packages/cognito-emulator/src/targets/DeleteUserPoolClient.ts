import type { DeleteUserPoolClientRequest } from '@aws-sdk/client-cognito-identity-provider';
import { CLIENT_ID, USER_POOL_ID } from '../validation.js';
import { type NoOutput, target } from './target.js';

/** Deletes a client; the refresh tokens it issued stop working. */
export const DeleteUserPoolClient = target<DeleteUserPoolClientRequest, NoOutput>({
  signed: true,
  input: { UserPoolId: USER_POOL_ID, ClientId: CLIENT_ID },
  handler: (ctx, input) => {
    const client = ctx.pools.getClientOfPool(input.UserPoolId, input.ClientId);
    ctx.pools.deleteClient(client.id);
    return {};
  },
});
