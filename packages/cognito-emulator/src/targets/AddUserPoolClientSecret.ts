import type {
  AddUserPoolClientSecretRequest,
  AddUserPoolClientSecretResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoError, invalidParameter } from '../errors.js';
import { newClientSecret } from '../ids.js';
import { CUSTOM_CLIENT_SECRET, describeSecret } from '../services/client-secrets.js';
import { MAX_CLIENT_SECRETS } from '../store/client-secrets.js';
import { CLIENT_ID, USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

/**
 * Adds a secret to a confidential client, for rotation: up to two at once, both good for
 * SECRET_HASH and the token endpoint. A generated secret's value is answered this once; a secret
 * the caller chose is not echoed.
 */
export const AddUserPoolClientSecret = target<
  AddUserPoolClientSecretRequest,
  AddUserPoolClientSecretResponse
>({
  signed: true,
  input: { UserPoolId: USER_POOL_ID, ClientId: CLIENT_ID, ClientSecret: CUSTOM_CLIENT_SECRET },
  handler: (ctx, input) => {
    const client = ctx.pools.getClientOfPool(input.UserPoolId, input.ClientId);
    if (!client.secret) {
      throw invalidParameter(`Client ${client.id} is a public client: it has no client secret to add to.`);
    }
    const added = ctx.pools.addClientSecret(client, input.ClientSecret ?? newClientSecret(), ctx.now());
    if (added === 'limit') {
      throw new CognitoError(
        'LimitExceededException',
        `Client ${client.id} already has ${MAX_CLIENT_SECRETS} client secrets; delete one before adding another.`,
      );
    }
    return { ClientSecretDescriptor: describeSecret(added, input.ClientSecret === undefined) };
  },
});
