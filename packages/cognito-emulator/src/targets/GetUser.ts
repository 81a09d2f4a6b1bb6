import type { GetUserRequest, GetUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import { userOfAccessToken } from '../services/access.js';
import { attributeList } from '../store/users.js';
import { mfaSettingsOf } from '../services/user-mfa.js';
import { TOKEN } from '../validation.js';
import { target } from './target.js';

export const GetUser = target<GetUserRequest, GetUserResponse>({
  signed: false,
  input: { AccessToken: TOKEN },
  handler: (ctx, input) => {
    const { pool, user } = userOfAccessToken(ctx, input.AccessToken);
    return {
      Username: user.username,
      UserAttributes: attributeList(user),
      ...mfaSettingsOf(ctx, pool, user),
    };
  },
});
