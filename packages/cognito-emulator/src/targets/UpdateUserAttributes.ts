import type { Target } from '../context.js';
import { userOfAccessToken } from '../services/access.js';
import {
  assertNotTaken,
  assertUserMayWrite,
  changeWaitsForVerification,
  isVerifiable,
  toRecord,
} from '../services/attributes.js';
import { type CodeDeliveryDetails, deliverCode } from '../services/delivery.js';
import type { AttributeType } from '../services/model.js';
import { assertAttributesConform } from '../services/schema.js';
import { ATTRIBUTE_LIST, CLIENT_METADATA, TOKEN, validate } from '../validation.js';

/**
 * A user changes its own attributes. A new email or phone number becomes unverified and, when the
 * pool auto-verifies it, gets a code; where the pool requires verification before update, the old
 * verified value stays in force until the code is given to VerifyUserAttribute.
 */
export const UpdateUserAttributes: Target = (ctx, body) => {
  const input = validate(body, {
    UserAttributes: { ...ATTRIBUTE_LIST, required: true },
    AccessToken: TOKEN,
    ClientMetadata: CLIENT_METADATA,
  });
  const { pool, user, clientId } = userOfAccessToken(ctx, input.AccessToken as string);
  const changes = toRecord(input.UserAttributes as AttributeType[]);
  assertUserMayWrite(pool, ctx.pools.findClient(clientId), Object.keys(changes));
  assertAttributesConform(pool.config.SchemaAttributes, changes);

  const toVerify: ('email' | 'phone_number')[] = [];
  for (const [name, value] of Object.entries(changes)) {
    if (!isVerifiable(name)) {
      user.attributes[name] = value;
      continue;
    }
    if (user.attributes[name] === value && !user.pending?.[name]) continue;
    assertNotTaken(ctx.users, pool, user, name, value);
    if (changeWaitsForVerification(pool, user, name)) {
      user.pending = { ...user.pending, [name]: value };
    } else {
      user.attributes[name] = value;
      user.attributes[`${name}_verified`] = 'false';
      if (user.pending) delete user.pending[name];
    }
    if (pool.config.AutoVerifiedAttributes?.includes(name)) toVerify.push(name);
  }
  user.updatedAt = ctx.now();
  ctx.users.update(pool, user);

  const deliveries: CodeDeliveryDetails[] = [];
  for (const name of toVerify) {
    const delivery = deliverCode(ctx, pool, user, 'VERIFY_ATTRIBUTE', 'VERIFY_ATTRIBUTE', name);
    if (delivery) deliveries.push(delivery);
  }
  return { CodeDeliveryDetailsList: deliveries };
};
