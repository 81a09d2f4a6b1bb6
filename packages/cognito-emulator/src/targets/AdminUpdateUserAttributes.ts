import type {
  AdminUpdateUserAttributesRequest,
  AdminUpdateUserAttributesResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { applyAttributeChanges, assertMutable, toRecord } from '../services/attributes.js';
import { assertAttributesConform } from '../services/schema.js';
import { ADMIN_USER, ATTRIBUTE_LIST, CLIENT_METADATA } from '../validation.js';
import { target } from './target.js';

/**
 * An administrator changes a user's attributes, verification flags included. A new email or phone
 * is verified at once when the request says `<name>_verified: true`; otherwise it is unverified
 * (or waits, where the pool requires verification before update) and gets a code when the pool
 * auto-verifies it.
 */
export const AdminUpdateUserAttributes = target<
  AdminUpdateUserAttributesRequest,
  AdminUpdateUserAttributesResponse
>({
  signed: true,
  input: {
    ...ADMIN_USER,
    UserAttributes: { ...ATTRIBUTE_LIST, required: true },
    ClientMetadata: CLIENT_METADATA,
  },
  handler: async (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    const changes = toRecord(input.UserAttributes);
    assertMutable(pool, Object.keys(changes));
    assertAttributesConform(pool.config.SchemaAttributes, changes);
    await applyAttributeChanges(ctx, pool, user, changes, { clientMetadata: input.ClientMetadata });
    return {};
  },
});
