import type { Target } from '../context.js';
import { userOfAccessToken } from '../services/access.js';
import { assertNotTaken, isVerifiable } from '../services/attributes.js';
import { codeMismatch } from '../services/codes.js';
import { atomically } from '../store/database.js';
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
  const pending = user.pending?.[name];
  if (pending !== undefined) assertNotTaken(ctx.users, pool, user, name, pending);
  // One unit: the code is spent only if the verified value can be saved (not another user's alias).
  atomically(ctx.db, () => {
    ctx.codes.consume(pool.id, user.username, 'VERIFY_ATTRIBUTE', input.Code as string, name);
    if (pending !== undefined) {
      user.attributes[name] = pending;
      delete user.pending![name];
    }
    user.attributes[`${name}_verified`] = 'true';
    user.updatedAt = ctx.now();
    ctx.users.update(pool, user);
  });
  return {};
};
