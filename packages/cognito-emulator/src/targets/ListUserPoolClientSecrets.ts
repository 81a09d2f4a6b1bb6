import type {
  ListUserPoolClientSecretsRequest,
  ListUserPoolClientSecretsResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { describeSecret } from '../services/client-secrets.js';
import { CLIENT_ID, PAGE_TOKEN, USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

/** A client's secrets, oldest first: ids and dates, never their values; one page (there are at most two). */
export const ListUserPoolClientSecrets = target<
  ListUserPoolClientSecretsRequest,
  ListUserPoolClientSecretsResponse
>({
  signed: true,
  input: { UserPoolId: USER_POOL_ID, ClientId: CLIENT_ID, NextToken: PAGE_TOKEN },
  handler: (ctx, input) => {
    const client = ctx.pools.getClientOfPool(input.UserPoolId, input.ClientId);
    return { ClientSecrets: (client.secrets ?? []).map((secret) => describeSecret(secret)) };
  },
});
