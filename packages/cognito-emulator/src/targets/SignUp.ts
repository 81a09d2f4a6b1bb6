import type { Target } from '../context.js';
import { CognitoError, invalidParameter } from '../errors.js';
import { newSub } from '../ids.js';
import { clientAndUser } from '../services/access.js';
import { toRecord } from '../services/attributes.js';
import { deliverCode } from '../services/delivery.js';
import type { AttributeType, User } from '../services/model.js';
import { assertPasswordConforms } from '../services/passwords.js';
import { assertAttributesConform, assertRequiredPresent } from '../services/schema.js';
import { isEmail, isPhoneNumber } from '../services/users.js';
import {
  ATTRIBUTE_LIST,
  CLIENT_ID,
  CLIENT_METADATA,
  PASSWORD,
  SECRET_HASH,
  USERNAME,
  validate,
} from '../validation.js';

export const SignUp: Target = async (ctx, body) => {
  const input = validate(body, {
    ClientId: CLIENT_ID,
    SecretHash: SECRET_HASH,
    Username: USERNAME,
    Password: { ...PASSWORD, required: false },
    UserAttributes: ATTRIBUTE_LIST,
    ValidationData: ATTRIBUTE_LIST,
    ClientMetadata: CLIENT_METADATA,
  });
  const { pool, user: existing } = clientAndUser(ctx, input);
  const name = input.Username as string;
  if (input.Password === undefined) {
    throw invalidParameter('Password is required for sign-up in this user pool.');
  }
  const password = input.Password as string;

  const attributes = toRecord((input.UserAttributes as AttributeType[] | undefined) ?? []);
  if (attributes.sub !== undefined) throw invalidParameter('Cannot modify an immutable attribute: sub');
  for (const verified of ['email_verified', 'phone_number_verified']) delete attributes[verified];
  const usernameAttributes = pool.config.UsernameAttributes ?? [];
  let username = name;
  const sub = newSub();
  if (usernameAttributes.length > 0) {
    // Email or phone is the sign-in name; the user's Username becomes its sub.
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
  } else if (isEmail(name) || isPhoneNumber(name)) {
    if (pool.config.AliasAttributes?.length) {
      throw invalidParameter(
        'Username cannot be of email format, since user pool is configured for email alias.',
      );
    }
  }
  assertAttributesConform(pool.config.SchemaAttributes, attributes);
  assertRequiredPresent(pool.config.SchemaAttributes, attributes);
  assertPasswordConforms(password, pool.config.Policies.PasswordPolicy);

  if (
    existing ||
    (usernameAttributes.includes('email') &&
      attributes.email &&
      ctx.users.findByEmail(pool, attributes.email))
  ) {
    throw new CognitoError(
      'UsernameExistsException',
      usernameAttributes.includes('email') && attributes.email
        ? 'An account with the given email already exists.'
        : usernameAttributes.includes('phone_number')
          ? 'An account with the given phone_number already exists.'
          : 'User already exists',
    );
  }

  const now = ctx.now();
  const user: User = {
    poolId: pool.id,
    username,
    sub,
    status: 'UNCONFIRMED',
    enabled: true,
    passwordHash: await ctx.passwords.hash(password),
    attributes: { sub, ...attributes },
    createdAt: now,
    updatedAt: now,
  };
  ctx.users.insert(pool, user);

  const autoVerified = pool.config.AutoVerifiedAttributes ?? [];
  const channel =
    autoVerified.includes('email') && attributes.email
      ? 'email'
      : autoVerified.includes('phone_number') && attributes.phone_number
        ? 'phone_number'
        : undefined;
  const delivery = channel ? deliverCode(ctx, pool, user, 'SIGN_UP', 'SIGN_UP', channel) : undefined;
  return {
    UserConfirmed: false,
    ...(delivery ? { CodeDeliveryDetails: delivery } : {}),
    UserSub: sub,
  };
};
