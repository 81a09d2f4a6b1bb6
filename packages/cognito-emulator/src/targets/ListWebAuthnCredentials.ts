import type {
  ListWebAuthnCredentialsRequest,
  ListWebAuthnCredentialsResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { userOfAccessToken } from '../services/access.js';
import { listPasskeys } from '../services/webauthn.js';
import { TOKEN } from '../validation.js';
import { target } from './target.js';

/** The signed-in user's passkeys, up to `MaxResults` (20) a page. */
export const ListWebAuthnCredentials = target<
  ListWebAuthnCredentialsRequest,
  ListWebAuthnCredentialsResponse
>({
  signed: false,
  input: {
    AccessToken: TOKEN,
    NextToken: { type: 'string', min: 1, max: 131072, pattern: /^[\S]+$/ },
    MaxResults: { type: 'integer', min: 0, max: 20 },
  },
  handler: (ctx, input) => {
    const { pool, user } = userOfAccessToken(ctx, input.AccessToken);
    return listPasskeys(ctx, pool, user, input);
  },
});
