import type { Target } from '../context.js';
import { adminUser } from '../services/admin.js';
import { applyAttributeChanges, assertMutable, toRecord } from '../services/attributes.js';
import type { AttributeType } from '../services/model.js';
import { assertAttributesConform } from '../services/schema.js';
import { ADMIN_USER, ATTRIBUTE_LIST, CLIENT_METADATA, validate } from '../validation.js';

/**
 * An administrator changes a user's attributes, verification flags included. A new email or phone
 * is verified at once when the request says `<name>_verified: true`; otherwise it is unverified
 * (or waits, where the pool requires verification before update) and gets a code when the pool
 * auto-verifies it.
 */
export const AdminUpdateUserAttributes: Target = (ctx, body) => {
  const input = validate(body, {
    ...ADMIN_USER,
    UserAttributes: { ...ATTRIBUTE_LIST, required: true },
    ClientMetadata: CLIENT_METADATA,
  });
  const { pool, user } = adminUser(ctx, input);
  const changes = toRecord(input.UserAttributes as AttributeType[]);
  assertMutable(pool, Object.keys(changes));
  assertAttributesConform(pool.config.SchemaAttributes, changes);
  applyAttributeChanges(ctx, pool, user, changes);
  return {};
};
