import type { Target } from '../context.js';
import { invalidParameter } from '../errors.js';
import { adminUser } from '../services/admin.js';
import { ADMIN_USER, ATTRIBUTE_NAME, validate } from '../validation.js';

/** Deletes attributes; `sub`, required and immutable ones cannot go. An email takes its flag along. */
export const AdminDeleteUserAttributes: Target = (ctx, body) => {
  const input = validate(body, {
    ...ADMIN_USER,
    UserAttributeNames: { type: 'list', required: true, item: ATTRIBUTE_NAME },
  });
  const { pool, user } = adminUser(ctx, input);
  const names = input.UserAttributeNames as string[];
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
};
