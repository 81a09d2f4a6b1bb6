import type { Target } from '../context.js';
import { userOfAccessToken } from '../services/access.js';
import { attributeList } from '../services/users.js';
import { TOKEN, validate } from '../validation.js';

export const GetUser: Target = (ctx, body) => {
  const input = validate(body, { AccessToken: TOKEN });
  const { user } = userOfAccessToken(ctx, input.AccessToken as string);
  return { Username: user.username, UserAttributes: attributeList(user) };
};
