import { passwordSecrets } from '../services/srp-verifier.js';
import type {
  ConfirmForgotPasswordRequest,
  ConfirmForgotPasswordResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { userNotFound } from '../errors.js';
import { clientAndUser } from '../services/access.js';
import { codeMismatch } from '../store/codes.js';
import { assertPasswordConforms } from '../services/passwords.js';
import { postConfirmation } from '../services/trigger-confirmation.js';
import {
  CLIENT_ID,
  CLIENT_METADATA,
  CONFIRMATION_CODE,
  PASSWORD,
  SECRET_HASH,
  USERNAME,
} from '../validation.js';
import { target } from './target.js';

export const ConfirmForgotPassword = target<ConfirmForgotPasswordRequest, ConfirmForgotPasswordResponse>({
  signed: false,
  input: {
    ClientId: CLIENT_ID,
    SecretHash: SECRET_HASH,
    Username: USERNAME,
    ConfirmationCode: CONFIRMATION_CODE,
    Password: PASSWORD,
    ClientMetadata: CLIENT_METADATA,
  },
  handler: async (ctx, input) => {
    const { client, pool, user } = clientAndUser(ctx, input);
    if (!user) {
      if (client.config.PreventUserExistenceErrors === 'ENABLED') throw codeMismatch();
      throw userNotFound();
    }
    const password = input.Password;
    assertPasswordConforms(password, pool.config.Policies.PasswordPolicy);
    // Spent before any await: of concurrent confirmations with one code, one goes on.
    ctx.codes.consume(pool.id, user.username, 'FORGOT_PASSWORD', input.ConfirmationCode);
    const secrets = await passwordSecrets(ctx, pool, user.username, password);
    const current = ctx.users.findByUsername(pool, user.username);
    if (!current) throw userNotFound();
    Object.assign(current, secrets);
    if (current.status === 'RESET_REQUIRED' || current.status === 'FORCE_CHANGE_PASSWORD')
      current.status = 'CONFIRMED';
    current.updatedAt = ctx.now();
    ctx.users.update(pool, current);
    await postConfirmation(ctx, pool, current, {
      source: 'PostConfirmation_ConfirmForgotPassword',
      clientId: client.id,
      clientMetadata: input.ClientMetadata,
    });
    return {};
  },
});
