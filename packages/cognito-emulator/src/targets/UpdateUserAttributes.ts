import type {
  UpdateUserAttributesRequest,
  UpdateUserAttributesResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { userOfAccessToken } from '../services/access.js';
import { applyAttributeChanges, assertUserMayWrite, toRecord } from '../services/attributes.js';
import { assertAttributesConform } from '../services/schema.js';
import { ATTRIBUTE_LIST, CLIENT_METADATA, TOKEN } from '../validation.js';
import { target } from './target.js';

/**
 * A user changes its own attributes. A new email or phone number becomes unverified and, when the
 * pool auto-verifies it, gets a code; where the pool requires verification before update, the old
 * verified value stays in force until the code is given to VerifyUserAttribute.
 */
export const UpdateUserAttributes = target<UpdateUserAttributesRequest, UpdateUserAttributesResponse>({
  signed: false,
  input: {
    UserAttributes: { ...ATTRIBUTE_LIST, required: true },
    AccessToken: TOKEN,
    ClientMetadata: CLIENT_METADATA,
  },
  handler: async (ctx, input) => {
    const { pool, user, clientId } = userOfAccessToken(ctx, input.AccessToken);
    const changes = toRecord(input.UserAttributes);
    assertUserMayWrite(pool, ctx.pools.findClient(clientId), Object.keys(changes));
    assertAttributesConform(pool.config.SchemaAttributes, changes);
    const deliveries = await applyAttributeChanges(ctx, pool, user, changes, {
      clientId,
      clientMetadata: input.ClientMetadata,
    });
    return { CodeDeliveryDetailsList: deliveries };
  },
});
