import type { Target } from '../context.js';
import { userOfAccessToken } from '../services/access.js';
import { assertNotTaken, isVerifiable } from '../services/attributes.js';
import { codeMismatch } from '../services/codes.js';
import { ATTRIBUTE_NAME, CONFIRMATION_CODE, TOKEN, validate } from '../validation.js';

/** Verifies an email or phone number with the code sent for it; a pending new value takes effect. */
export const VerifyUserAttribute: Target = (ctx, body) => {
  const input = validate(body, {
    AccessToken: TOKEN,
    AttributeName: ATTRIBUTE_NAME,
    Code: CONFIRMATION_CODE,
  });
  const { pool, user } = userOfAccessToken(ctx, input.AccessToken as string);
  const name = input.AttributeName as string;
  if (!isVerifiable(name)) throw codeMismatch();
  ctx.codes.consume(pool.id, user.username, 'VERIFY_ATTRIBUTE', input.Code as string, name);
  const pending = user.pending?.[name];
  if (pending !== undefined) {
    assertNotTaken(ctx.users, pool, user, name, pending);
    user.attributes[name] = pending;
    delete user.pending![name];
  }
  user.attributes[`${name}_verified`] = 'true';
  user.updatedAt = ctx.now();
  ctx.users.update(pool, user);
  return {};
};
