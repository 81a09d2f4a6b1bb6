import type {
  DeleteUserPoolClientSecretRequest,
  DeleteUserPoolClientSecretResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter, resourceNotFound } from '../errors.js';
import { CLIENT_ID, USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

/**
 * Deletes one of a client's secrets, which stops working at once. The last one stays: a
 * confidential client never becomes a public one this way (the store decides, so that two
 * concurrent deletions of a pair leave one).
 */
export const DeleteUserPoolClientSecret = target<
  DeleteUserPoolClientSecretRequest,
  DeleteUserPoolClientSecretResponse
>({
  signed: true,
  input: {
    UserPoolId: USER_POOL_ID,
    ClientId: CLIENT_ID,
    ClientSecretId: { type: 'string', required: true, min: 1, max: 128 },
  },
  handler: (ctx, input) => {
    const client = ctx.pools.getClientOfPool(input.UserPoolId, input.ClientId);
    const refused = ctx.pools.deleteClientSecret(client, input.ClientSecretId);
    if (refused === 'not-found') {
      throw resourceNotFound(`Client secret ${input.ClientSecretId} does not exist.`);
    }
    if (refused === 'last') {
      throw invalidParameter('The last client secret of an app client cannot be deleted.');
    }
    return {};
  },
});
