import { passwordSecrets } from '../services/srp-verifier.js';
import type { SignUpRequest, SignUpResponse } from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter, notAuthorized } from '../errors.js';
import { clientAndUser } from '../services/access.js';
import { toRecord } from '../services/attributes.js';
import { deliverCode } from '../services/delivery.js';
import type { Pool, User } from '../services/model.js';
import { newUser, newUserIdentity } from '../services/new-user.js';
import { assertPasswordConforms } from '../services/passwords.js';
import { postConfirmation } from '../services/trigger-confirmation.js';
import { applySignUpDecision, preSignUp } from '../services/trigger-sign-up.js';
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
    const { client, pool } = clientAndUser(ctx, input);
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
    // Before the user is stored: a failing trigger leaves nothing behind.
    const decision = await preSignUp(ctx, pool, {
      source: 'PreSignUp_SignUp',
      clientId: client.id,
      userName: identity.username,
      attributes: identity.attributes,
      validationData: input.ValidationData && toRecord(input.ValidationData),
      clientMetadata: input.ClientMetadata,
    });
    const status = applySignUpDecision(decision, identity.attributes);
    const user = newUser(
      ctx,
      pool,
      identity,
      status,
      await passwordSecrets(ctx, pool, identity.username, password),
    );
    // An auto-verified email or phone becomes the new user's alias, taken from any other holder.
    const store = () =>
      ctx.users.insert(pool, user, { forceAlias: decision.verifyEmail || decision.verifyPhone });
    const call = { clientId: client.id, clientMetadata: input.ClientMetadata };
    if (status === 'CONFIRMED') {
      // Confirmed by the trigger: no code is sent, and the user is confirmed as by ConfirmSignUp.
      store();
      await postConfirmation(ctx, pool, user, { ...call, source: 'PostConfirmation_ConfirmSignUp' });
      return { UserConfirmed: true, UserSub: user.sub };
    }
    const channel = confirmationChannel(pool, user);
    // The user is stored with its code, after the custom message trigger: all or nothing.
    const delivery = channel
      ? await deliverCode(
          ctx,
          pool,
          user,
          { ...call, situation: 'SignUp', purpose: 'SIGN_UP', kind: 'SIGN_UP', attribute: channel },
          store,
        )
      : (store(), undefined);
    return {
      UserConfirmed: false,
      ...(delivery ? { CodeDeliveryDetails: delivery } : {}),
      UserSub: user.sub,
    };
  },
});

/** Where the confirmation code goes: the first attribute the pool auto-verifies that the user has. */
function confirmationChannel(pool: Pool, user: User): 'email' | 'phone_number' | undefined {
  const autoVerified = pool.config.AutoVerifiedAttributes ?? [];
  const { attributes } = user;
  if (autoVerified.includes('email') && attributes.email) return 'email';
  if (autoVerified.includes('phone_number') && attributes.phone_number) return 'phone_number';
  return undefined;
}
