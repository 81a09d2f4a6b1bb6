import type { Target } from '../context.js';
import { userOfAccessToken } from '../services/access.js';
import { applyAttributeChanges, assertUserMayWrite, toRecord } from '../services/attributes.js';
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
  return { CodeDeliveryDetailsList: applyAttributeChanges(ctx, pool, user, changes) };
};
