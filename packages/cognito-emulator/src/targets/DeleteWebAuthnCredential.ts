import type { DeleteWebAuthnCredentialRequest } from '@aws-sdk/client-cognito-identity-provider';
import { userOfAccessToken } from '../services/access.js';
import { deletePasskey } from '../services/webauthn.js';
import { TOKEN } from '../validation.js';
import { type NoOutput, target } from './target.js';

/** Deletes one of the signed-in user's passkeys; it no longer signs in. */
export const DeleteWebAuthnCredential = target<DeleteWebAuthnCredentialRequest, NoOutput>({
  signed: false,
  input: { AccessToken: TOKEN, CredentialId: { type: 'string', required: true, max: 131072 } },
  handler: (ctx, input) => {
    const { pool, user } = userOfAccessToken(ctx, input.AccessToken);
    deletePasskey(ctx, pool, user, input.CredentialId);
    return {};
  },
});
