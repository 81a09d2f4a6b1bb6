import { passwordSecrets } from '../services/srp-verifier.js';
import type {
  AdminCreateUserRequest,
  AdminCreateUserResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import type { EmulatorContext } from '../context.js';
import { CognitoError, userNotFound } from '../errors.js';
import { toRecord } from '../services/attributes.js';
import type { Pool, User } from '../services/model.js';
import { type Alongside, type Draft, sendMessages } from '../services/delivery.js';
import { newUser, newUserIdentity } from '../services/new-user.js';
import { preSignUp } from '../services/trigger-sign-up.js';
import { assertPasswordConforms, generatePassword } from '../services/passwords.js';
import { invitationMessage } from '../services/pool-config.js';
import { describeUser } from '../store/users.js';
import { ATTRIBUTE_LIST, CLIENT_METADATA, PASSWORD, USER_POOL_ID, USERNAME } from '../validation.js';
import { target } from './target.js';

/**
 * An administrator creates a user: status FORCE_CHANGE_PASSWORD, a temporary password (given, or
 * generated to the policy), an invitation rendered with the pool's template to the desired media
 * (SMS by default, as on AWS) unless `MessageAction` is SUPPRESS. The pre sign-up trigger runs
 * first (`PreSignUp_AdminCreateUser`), and can refuse the user. `RESEND` sends a new invitation
 * to a user that has not signed in yet and restarts its temporary password's validity.
 */
export const AdminCreateUser = target<AdminCreateUserRequest, AdminCreateUserResponse>({
  signed: true,
  input: {
    UserPoolId: USER_POOL_ID,
    Username: USERNAME,
    UserAttributes: ATTRIBUTE_LIST,
    ValidationData: ATTRIBUTE_LIST,
    TemporaryPassword: { ...PASSWORD, required: false },
    ForceAliasCreation: { type: 'boolean' },
    MessageAction: { type: 'string', enum: ['RESEND', 'SUPPRESS'] },
    DesiredDeliveryMediums: { type: 'list', item: { type: 'string', enum: ['SMS', 'EMAIL'] } },
    ClientMetadata: CLIENT_METADATA,
  },
  handler: async (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    const name = input.Username;
    const policy = pool.config.Policies.PasswordPolicy;
    const given = input.TemporaryPassword;
    if (given !== undefined) assertPasswordConforms(given, policy);
    const temporary = given ?? generatePassword(policy);
    const mediums = input.DesiredDeliveryMediums ?? ['SMS'];

    if (input.MessageAction === 'RESEND') {
      const user = ctx.users.findBySignInName(pool, name);
      if (!user) throw userNotFound();
      if (user.status !== 'FORCE_CHANGE_PASSWORD') {
        throw new CognitoError(
          'UnsupportedUserStateException',
          'Resend not possible. User is not in FORCE_CHANGE_PASSWORD state.',
        );
      }
      Object.assign(user, await passwordSecrets(ctx, pool, user.username, temporary));
      user.updatedAt = ctx.now();
      await invite(ctx, pool, user, { name, temporary, mediums }, input.ClientMetadata, () =>
        ctx.users.update(pool, user),
      );
      return { User: describeUser(user) };
    }

    const identity = newUserIdentity(ctx, pool, name, toRecord(input.UserAttributes ?? []));
    // Before the user is stored: a failing trigger leaves nothing behind. Its answer is ignored.
    await preSignUp(ctx, pool, {
      source: 'PreSignUp_AdminCreateUser',
      userName: identity.username,
      attributes: identity.attributes,
      validationData: input.ValidationData && toRecord(input.ValidationData),
      clientMetadata: input.ClientMetadata,
    });
    const user = newUser(
      ctx,
      pool,
      identity,
      'FORCE_CHANGE_PASSWORD',
      await passwordSecrets(ctx, pool, identity.username, temporary),
    );
    const store = () => ctx.users.insert(pool, user, { forceAlias: input.ForceAliasCreation === true });
    // Stored with its invitation, after the custom message trigger: all or nothing.
    if (input.MessageAction === 'SUPPRESS') store();
    else await invite(ctx, pool, user, { name, temporary, mediums }, input.ClientMetadata, store);
    return { User: describeUser(user) };
  },
});

/**
 * The invitation, to each desired medium the user has an address for, from the pool's template
 * (`CustomMessage_AdminCreateUser` and the custom senders may take it over), the temporary password
 * as its code; `alongside` (the user's storing) is written with it.
 */
async function invite(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  invitation: { name: string; temporary: string; mediums: ('SMS' | 'EMAIL')[] },
  clientMetadata: Record<string, string> | undefined,
  alongside: Alongside,
): Promise<void> {
  const { name, temporary, mediums } = invitation;
  const message = invitationMessage(pool);
  const drafts: Draft[] = [];
  for (const medium of mediums) {
    const to = medium === 'EMAIL' ? user.attributes.email : user.attributes.phone_number;
    if (!to) continue;
    drafts.push(
      medium === 'EMAIL'
        ? { to, medium, subject: message.subject, body: message.email }
        : { to, medium, subject: null, body: message.sms },
    );
  }
  await sendMessages(
    ctx,
    pool,
    user,
    'INVITATION',
    drafts,
    { code: temporary, username: name },
    { situation: 'AdminCreateUser', clientMetadata },
    alongside,
  );
}
