import type {
  AdminDeleteUserAttributesRequest,
  AdminDeleteUserAttributesResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from '../errors.js';
import { adminUser } from '../services/admin.js';
import { assertAttributeNamesExist } from '../services/schema.js';
import { ADMIN_USER, ATTRIBUTE_NAME } from '../validation.js';
import { target } from './target.js';

/** Deletes attributes of the schema; `sub`, required and immutable ones cannot go. An email takes its flag along. */
export const AdminDeleteUserAttributes = target<
  AdminDeleteUserAttributesRequest,
  AdminDeleteUserAttributesResponse
>({
  signed: true,
  input: {
    ...ADMIN_USER,
    UserAttributeNames: { type: 'list', required: true, item: ATTRIBUTE_NAME },
  },
  handler: (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    const names = input.UserAttributeNames;
    assertAttributeNamesExist(
      pool.config.SchemaAttributes,
      names,
      (name) => `Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.`,
    );
    for (const name of names) {
      const attribute = pool.config.SchemaAttributes.find((a) => a.Name === name);
      if (name === 'sub' || attribute?.Required)
        throw invalidParameter(`Cannot delete a required attribute: ${name}`);
      if (attribute && !attribute.Mutable)
        throw invalidParameter(`Cannot modify the non-mutable attribute ${name}`);
      if ((pool.config.UsernameAttributes ?? []).includes(name)) {
        throw invalidParameter(`Cannot delete ${name}: it is the user's sign-in name.`);
      }
    }
    for (const name of names) {
      delete user.attributes[name];
      if (name === 'email' || name === 'phone_number') {
        delete user.attributes[`${name}_verified`];
        if (user.pending) delete user.pending[name];
      }
    }
    user.updatedAt = ctx.now();
    ctx.users.update(pool, user);
    return {};
  },
});
