import type { Target } from '../context.js';
import { invalidParameter } from '../errors.js';
import { adminUser } from '../services/admin.js';
import {
  assertNotTaken,
  changeWaitsForVerification,
  isVerifiable,
  toRecord,
} from '../services/attributes.js';
import { deliverCode } from '../services/delivery.js';
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
  for (const name of Object.keys(changes)) {
    if (name === 'sub') throw invalidParameter('Cannot modify an immutable attribute: sub');
    const attribute = pool.config.SchemaAttributes.find((a) => a.Name === name);
    if (attribute && !attribute.Mutable)
      throw invalidParameter(`Cannot modify the non-mutable attribute ${name}`);
  }
  assertAttributesConform(pool.config.SchemaAttributes, changes);
  const toVerify: ('email' | 'phone_number')[] = [];
  for (const [name, value] of Object.entries(changes)) {
    if (name.endsWith('_verified')) continue;
    if (!isVerifiable(name)) {
      user.attributes[name] = value;
      continue;
    }
    const verifiedNow = changes[`${name}_verified`] === 'true';
    if (user.attributes[name] === value && !user.pending?.[name]) continue;
    assertNotTaken(ctx.users, pool, user, name, value);
    if (!verifiedNow && changeWaitsForVerification(pool, user, name)) {
      user.pending = { ...user.pending, [name]: value };
    } else {
      user.attributes[name] = value;
      user.attributes[`${name}_verified`] = verifiedNow ? 'true' : 'false';
      if (user.pending) delete user.pending[name];
    }
    if (!verifiedNow && pool.config.AutoVerifiedAttributes?.includes(name)) toVerify.push(name);
  }
  for (const name of ['email_verified', 'phone_number_verified']) {
    const base = name.replace('_verified', '');
    if (changes[name] !== undefined && changes[base] === undefined) user.attributes[name] = changes[name]!;
  }
  user.updatedAt = ctx.now();
  ctx.users.update(pool, user);
  for (const name of toVerify) deliverCode(ctx, pool, user, 'VERIFY_ATTRIBUTE', 'VERIFY_ATTRIBUTE', name);
  return {};
};
