import type { ConfirmSignUpRequest, ConfirmSignUpResponse } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoError, notAuthorized } from '../errors.js';
import { codeMismatch } from '../store/codes.js';
import { clientAndUser } from '../services/access.js';
import { atomically } from '../store/database.js';
import { postConfirmation } from '../services/trigger-confirmation.js';
import { CLIENT_ID, CLIENT_METADATA, CONFIRMATION_CODE, SECRET_HASH, USERNAME } from '../validation.js';
import { target } from './target.js';

export const ConfirmSignUp = target<ConfirmSignUpRequest, ConfirmSignUpResponse>({
  signed: false,
  input: {
    ClientId: CLIENT_ID,
    SecretHash: SECRET_HASH,
    Username: USERNAME,
    ConfirmationCode: CONFIRMATION_CODE,
    ForceAliasCreation: { type: 'boolean' },
    ClientMetadata: CLIENT_METADATA,
  },
  handler: async (ctx, input) => {
    const { client, pool, user } = clientAndUser(ctx, input);
    if (!user) {
      if (client.config.PreventUserExistenceErrors === 'ENABLED') throw codeMismatch();
      throw new CognitoError('UserNotFoundException', 'Username/client id combination not found.');
    }
    if (user.status !== 'UNCONFIRMED') {
      throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
    }
    // One unit: the code is spent only if the user is saved (a verified alias another user holds is
    // AliasExistsException unless ForceAliasCreation moves it here).
    atomically(ctx.db, () => {
      const { attribute } = ctx.codes.consume(pool.id, user.username, 'SIGN_UP', input.ConfirmationCode);
      user.status = 'CONFIRMED';
      if (attribute) user.attributes[`${attribute}_verified`] = 'true';
      user.updatedAt = ctx.now();
      ctx.users.update(pool, user, { forceAlias: input.ForceAliasCreation === true });
    });
    await postConfirmation(ctx, pool, user, {
      source: 'PostConfirmation_ConfirmSignUp',
      clientId: client.id,
      clientMetadata: input.ClientMetadata,
    });
    return {};
  },
});
