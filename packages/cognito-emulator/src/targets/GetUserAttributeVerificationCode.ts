import type { Target } from '../context.js';
import { invalidParameter } from '../errors.js';
import { userOfAccessToken } from '../services/access.js';
import { isVerifiable } from '../services/attributes.js';
import { deliverCode } from '../services/delivery.js';
import { ATTRIBUTE_NAME, CLIENT_METADATA, TOKEN, validate } from '../validation.js';

/** Sends (again) a code that verifies the user's email or phone number, or the new value pending. */
export const GetUserAttributeVerificationCode: Target = (ctx, body) => {
  const input = validate(body, {
    AccessToken: TOKEN,
    AttributeName: ATTRIBUTE_NAME,
    ClientMetadata: CLIENT_METADATA,
  });
  const { pool, user } = userOfAccessToken(ctx, input.AccessToken as string);
  const name = input.AttributeName as string;
  if (!isVerifiable(name) || !(user.pending?.[name] ?? user.attributes[name])) {
    throw invalidParameter(`User has no attribute ${name} that can be verified.`);
  }
  return { CodeDeliveryDetails: deliverCode(ctx, pool, user, 'VERIFY_ATTRIBUTE', 'VERIFY_ATTRIBUTE', name) };
};
