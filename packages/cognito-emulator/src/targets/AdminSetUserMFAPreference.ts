import type {
  AdminSetUserMFAPreferenceRequest,
  AdminSetUserMFAPreferenceResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { MFA_PREFERENCE_SHAPE, setMfaPreference } from '../services/user-mfa.js';
import { ADMIN_USER } from '../validation.js';
import { target } from './target.js';

/** An administrator turns a user's second factors on or off and picks the preferred one. */
export const AdminSetUserMFAPreference = target<
  AdminSetUserMFAPreferenceRequest,
  AdminSetUserMFAPreferenceResponse
>({
  signed: true,
  input: { ...ADMIN_USER, ...MFA_PREFERENCE_SHAPE },
  handler: (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    setMfaPreference(ctx, pool, user, input);
    return {};
  },
});
