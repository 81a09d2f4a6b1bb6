import type { PasswordSecrets } from './srp-verifier.js';
import type { EmulatorContext } from '../context.js';
import { CognitoError, invalidParameter } from '../errors.js';
import { newSub } from '../ids.js';
import { recordOf } from '../records.js';
import type { Pool, User, UserStatus } from './model.js';
import { assertAttributesConform, assertRequiredPresent } from './schema.js';
import { isEmail, isPhoneNumber } from '../store/users.js';

/**
 * The identity of a new user (SignUp, AdminCreateUser): where email or phone is the user name, the
 * name given must be one and the user's Username becomes its `sub`; where they are aliases, the
 * user name must not look like one. Attributes must fit the schema, required ones present; the
 * name must be free (`UsernameExistsException` with AWS's wording).
 */
export function newUserIdentity(
  ctx: EmulatorContext,
  pool: Pool,
  name: string,
  given: Record<string, string>,
): { username: string; sub: string; attributes: Record<string, string> } {
  const attributes = recordOf(given);
  if (attributes.sub !== undefined) throw invalidParameter('Cannot modify an immutable attribute: sub');
  const usernameAttributes = pool.config.UsernameAttributes ?? [];
  const sub = newSub();
  let username = name;
  if (usernameAttributes.length > 0) {
    if (usernameAttributes.includes('email') && isEmail(name)) attributes.email = name;
    else if (usernameAttributes.includes('phone_number') && isPhoneNumber(name))
      attributes.phone_number = name;
    else {
      throw invalidParameter(
        usernameAttributes.includes('email')
          ? 'Username should be an email.'
          : 'Username should be a phone number.',
      );
    }
    username = sub;
  } else if ((isEmail(name) || isPhoneNumber(name)) && pool.config.AliasAttributes?.length) {
    throw invalidParameter(
      'Username cannot be of email format, since user pool is configured for email alias.',
    );
  }
  assertAttributesConform(pool.config.SchemaAttributes, attributes);
  assertRequiredPresent(pool.config.SchemaAttributes, attributes);

  // A first, clear answer; concurrent sign-ups that all pass it meet the store's unique indexes.
  const taken =
    ctx.users.findBySignInName(pool, name) ??
    (usernameAttributes.includes('email') && attributes.email
      ? ctx.users.findBySignInKey(pool, 'email', attributes.email)
      : undefined);
  if (taken) {
    throw new CognitoError(
      'UsernameExistsException',
      usernameAttributes.includes('email') && attributes.email
        ? 'An account with the given email already exists.'
        : usernameAttributes.includes('phone_number')
          ? 'An account with the given phone_number already exists.'
          : 'User already exists',
    );
  }
  return { username, sub, attributes: recordOf({ sub, ...attributes }) };
}

/** A new user record (without a password only when migrated for a password reset). */
export function newUser(
  ctx: EmulatorContext,
  pool: Pool,
  identity: { username: string; sub: string; attributes: Record<string, string> },
  status: UserStatus,
  secrets: PasswordSecrets | Pick<User, 'passwordHash' | 'srpVerifier'>,
): User {
  const now = ctx.now();
  return {
    poolId: pool.id,
    username: identity.username,
    sub: identity.sub,
    status,
    enabled: true,
    ...secrets,
    attributes: identity.attributes,
    createdAt: now,
    updatedAt: now,
  };
}
