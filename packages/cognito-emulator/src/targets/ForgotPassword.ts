import type {
  ForgotPasswordRequest,
  ForgotPasswordResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter, notAuthorized, userNotFound } from '../errors.js';
import { newSub } from '../ids.js';
import { recordOf } from '../records.js';
import { answerUnknownUser, clientAndUser } from '../services/access.js';
import { deliverCode, rehearseDelivery, verifiedChannel } from '../services/delivery.js';
import { migrateOnForgotPassword } from '../services/migration.js';
import type { Pool, User } from '../services/model.js';
import { CODE_REQUEST } from '../validation.js';
import { target } from './target.js';

/**
 * Sends a code that resets the password to the user's verified email or phone; a user the pool
 * does not know is first asked of the user migration trigger (`UserMigration_ForgotPassword`),
 * which may create it (RESET_REQUIRED) for the code to go to. Where the client
 * hides user existence, an unknown user gets a simulated delivery after the very same work a real
 * one costs (code and message written in a transaction, then rolled back), so that neither the
 * answer nor its timing tells whether the account exists.
 */
export const ForgotPassword = target<ForgotPasswordRequest, ForgotPasswordResponse>({
  signed: false,
  input: CODE_REQUEST,
  handler: async (ctx, input) => {
    const { client, pool, user: known } = clientAndUser(ctx, input);
    const name = input.Username;
    // A user the pool does not know may be in the application's old directory (UserMigration).
    const user = known ?? (await migrateOnForgotPassword(ctx, pool, client, name, input.ClientMetadata));
    if (!user) {
      if (client.config.PreventUserExistenceErrors === 'ENABLED') {
        rehearseDelivery(ctx, pool, phantomUser(pool, name), {
          situation: 'ForgotPassword',
          purpose: 'FORGOT_PASSWORD',
          kind: 'FORGOT_PASSWORD',
          attribute: channelOfName(name),
        });
      }
      return answerUnknownUser(client, name, userNotFound());
    }
    if (!user.enabled) throw notAuthorized('User is disabled.');
    const channel = verifiedChannel(user);
    if (!channel) {
      throw invalidParameter(
        'Cannot reset password for the user as there is no registered/verified email or phone_number',
      );
    }
    const delivery = await deliverCode(ctx, pool, user, {
      situation: 'ForgotPassword',
      clientId: client.id,
      clientMetadata: input.ClientMetadata,
      purpose: 'FORGOT_PASSWORD',
      kind: 'FORGOT_PASSWORD',
      attribute: channel,
    });
    return { CodeDeliveryDetails: delivery };
  },
});

const channelOfName = (name: string) => (name.includes('@') ? 'email' : 'phone_number');

/** A stand-in for a user that does not exist, with the name as its address. */
function phantomUser(pool: Pool, name: string): User {
  const sub = newSub();
  return {
    poolId: pool.id,
    username: sub,
    sub,
    status: 'CONFIRMED',
    enabled: true,
    passwordHash: null,
    srpVerifier: null,
    attributes: recordOf({ sub, [channelOfName(name)]: name, [`${channelOfName(name)}_verified`]: 'true' }),
    createdAt: 0,
    updatedAt: 0,
  };
}
