import type {
  SetUserMFAPreferenceRequest,
  SetUserMFAPreferenceResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { userOfAccessToken } from '../services/access.js';
import { MFA_PREFERENCE_SHAPE, setMfaPreference } from '../services/user-mfa.js';
import { TOKEN } from '../validation.js';
import { target } from './target.js';

/** A signed-in user turns its second factors on or off and picks the preferred one. */
export const SetUserMFAPreference = target<SetUserMFAPreferenceRequest, SetUserMFAPreferenceResponse>({
  signed: false,
  input: { AccessToken: TOKEN, ...MFA_PREFERENCE_SHAPE },
  handler: (ctx, input) => {
    const { pool, user } = userOfAccessToken(ctx, input.AccessToken);
    setMfaPreference(ctx, pool, user, input);
    return {};
  },
});
