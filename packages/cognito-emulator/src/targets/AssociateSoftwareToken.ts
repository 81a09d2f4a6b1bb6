import type {
  AssociateSoftwareTokenRequest,
  AssociateSoftwareTokenResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { associateSoftwareToken } from '../services/software-token.js';
import { target } from './target.js';

/** A new authenticator-app secret, for a signed-in user or a sign-in at MFA_SETUP. */
export const AssociateSoftwareToken = target<AssociateSoftwareTokenRequest, AssociateSoftwareTokenResponse>({
  signed: false,
  input: {
    AccessToken: { type: 'string', pattern: /^[A-Za-z0-9-_=.]+$/, sensitive: true },
    Session: { type: 'string', min: 20, max: 2048, sensitive: true },
  },
  handler: (ctx, input) => associateSoftwareToken(ctx, input),
});
