import type { Target } from '../context.js';
import { notAuthorized, userNotFound } from '../errors.js';
import { attributeList } from '../services/users.js';
import { TOKEN, validate } from '../validation.js';

export const GetUser: Target = (ctx, body) => {
  const input = validate(body, { AccessToken: TOKEN });
  const { pool, claims } = ctx.tokens.verifyAccessToken(input.AccessToken as string);
  const user = ctx.users.findByUsername(pool, claims.username);
  if (!user) throw userNotFound();
  if (!user.enabled) throw notAuthorized('User is disabled.');
  return { Username: user.username, UserAttributes: attributeList(user) };
};
