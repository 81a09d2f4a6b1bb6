import type { DeleteUserRequest } from '@aws-sdk/client-cognito-identity-provider';
import { userOfAccessToken } from '../services/access.js';
import { TOKEN } from '../validation.js';
import { type NoOutput, target } from './target.js';

export const DeleteUser = target<DeleteUserRequest, NoOutput>({
  signed: false,
  input: { AccessToken: TOKEN },
  handler: (ctx, input) => {
    const { pool, user } = userOfAccessToken(ctx, input.AccessToken);
    ctx.users.delete(pool, user.username);
    return {};
  },
});
