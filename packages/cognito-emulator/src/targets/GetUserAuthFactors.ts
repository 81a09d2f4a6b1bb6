import type {
  GetUserAuthFactorsRequest,
  GetUserAuthFactorsResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { userOfAccessToken } from '../services/access.js';
import { userAuthFactors } from '../services/user-auth-factors.js';
import { TOKEN } from '../validation.js';
import { target } from './target.js';

/** The signed-in user's sign-in factors: first factors of choice-based sign-in and MFA settings. */
export const GetUserAuthFactors = target<GetUserAuthFactorsRequest, GetUserAuthFactorsResponse>({
  signed: false,
  input: { AccessToken: TOKEN },
  handler: (ctx, input) => {
    const { pool, user } = userOfAccessToken(ctx, input.AccessToken);
    return userAuthFactors(ctx, pool, user);
  },
});
