import type {
  VerifyUserAttributeRequest,
  VerifyUserAttributeResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { userOfAccessToken } from '../services/access.js';
import { assertNotTaken, isVerifiable } from '../services/attributes.js';
import { codeMismatch } from '../store/codes.js';
import { atomically } from '../store/database.js';
import { ATTRIBUTE_NAME, CONFIRMATION_CODE, TOKEN } from '../validation.js';
import { target } from './target.js';

/** Verifies an email or phone number with the code sent for it; a pending new value takes effect. */
export const VerifyUserAttribute = target<VerifyUserAttributeRequest, VerifyUserAttributeResponse>({
  signed: false,
  input: {
    AccessToken: TOKEN,
    AttributeName: ATTRIBUTE_NAME,
    Code: CONFIRMATION_CODE,
  },
  handler: (ctx, input) => {
    const { pool, user } = userOfAccessToken(ctx, input.AccessToken);
    const name = input.AttributeName;
    if (!isVerifiable(name)) throw codeMismatch();
    const pending = user.pending?.[name];
    if (pending !== undefined) assertNotTaken(ctx.users, pool, user, name, pending);
    // One unit: the code is spent only if the verified value can be saved (not another user's alias).
    atomically(ctx.db, () => {
      ctx.codes.consume(pool.id, user.username, 'VERIFY_ATTRIBUTE', input.Code, name);
      if (pending !== undefined) {
        user.attributes[name] = pending;
        delete user.pending![name];
      }
      user.attributes[`${name}_verified`] = 'true';
      user.updatedAt = ctx.now();
      ctx.users.update(pool, user);
    });
    return {};
  },
});
