import type { CompleteWebAuthnRegistrationRequest } from '@aws-sdk/client-cognito-identity-provider';
import { userOfAccessToken } from '../services/access.js';
import { completeRegistration } from '../services/webauthn.js';
import { TOKEN } from '../validation.js';
import { type NoOutput, target } from './target.js';

/** Registers the passkey an authenticator made (`Credential`: RegistrationResponseJSON) for the signed-in user. */
export const CompleteWebAuthnRegistration = target<CompleteWebAuthnRegistrationRequest, NoOutput>({
  signed: false,
  input: { AccessToken: TOKEN, Credential: { type: 'document', required: true } },
  handler: async (ctx, input) => {
    const { pool, user, clientId } = userOfAccessToken(ctx, input.AccessToken);
    await completeRegistration(ctx, pool, user, clientId, input.Credential);
    return {};
  },
});
