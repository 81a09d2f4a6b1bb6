import type {
  StartWebAuthnRegistrationRequest,
  StartWebAuthnRegistrationResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { userOfAccessToken } from '../services/access.js';
import { startRegistration } from '../services/webauthn.js';
import { TOKEN } from '../validation.js';
import { target } from './target.js';

/**
 * The creation options for a new passkey of the signed-in user (PublicKeyCredentialCreationOptionsJSON);
 * its challenge waits for CompleteWebAuthnRegistration from the same app client.
 */
export const StartWebAuthnRegistration = target<
  StartWebAuthnRegistrationRequest,
  StartWebAuthnRegistrationResponse
>({
  signed: false,
  input: { AccessToken: TOKEN },
  handler: (ctx, input) => {
    const { pool, user, clientId } = userOfAccessToken(ctx, input.AccessToken);
    return { CredentialCreationOptions: { ...startRegistration(ctx, pool, user, clientId) } };
  },
});
