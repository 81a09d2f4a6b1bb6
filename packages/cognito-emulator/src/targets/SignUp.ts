import { passwordSecrets } from '../services/srp-verifier.js';
import type { SignUpRequest, SignUpResponse } from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter, notAuthorized } from '../errors.js';
import { clientAndUser } from '../services/access.js';
import { toRecord } from '../services/attributes.js';
import { deliverCode } from '../services/delivery.js';
import { newUser, newUserIdentity } from '../services/new-user.js';
import { assertPasswordConforms } from '../services/passwords.js';
import {
  ATTRIBUTE_LIST,
  CLIENT_ID,
  CLIENT_METADATA,
  PASSWORD,
  SECRET_HASH,
  USERNAME,
} from '../validation.js';
import { target } from './target.js';

export const SignUp = target<SignUpRequest, SignUpResponse>({
  signed: false,
  input: {
    ClientId: CLIENT_ID,
    SecretHash: SECRET_HASH,
    Username: USERNAME,
    Password: { ...PASSWORD, required: false },
    UserAttributes: ATTRIBUTE_LIST,
    ValidationData: ATTRIBUTE_LIST,
    ClientMetadata: CLIENT_METADATA,
  },
  handler: async (ctx, input) => {
    const { pool } = clientAndUser(ctx, input);
    if (pool.config.AdminCreateUserConfig.AllowAdminCreateUserOnly) {
      throw notAuthorized('SignUp is not permitted for this user pool.');
    }
    if (input.Password === undefined) {
      throw invalidParameter('Password is required for sign-up in this user pool.');
    }
    const password = input.Password;
    const given = toRecord(input.UserAttributes ?? []);
    // Users do not verify their own email or phone by saying so.
    for (const verified of ['email_verified', 'phone_number_verified']) delete given[verified];
    assertPasswordConforms(password, pool.config.Policies.PasswordPolicy);
    const identity = newUserIdentity(ctx, pool, input.Username, given);
    const user = newUser(
      ctx,
      pool,
      identity,
      'UNCONFIRMED',
      await passwordSecrets(ctx, pool, identity.username, password),
    );
    ctx.users.insert(pool, user);

    const autoVerified = pool.config.AutoVerifiedAttributes ?? [];
    const { attributes } = user;
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
      UserSub: user.sub,
    };
  },
});
