import { passwordSecrets } from '../services/srp-verifier.js';
import type {
  AdminCreateUserRequest,
  AdminCreateUserResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import type { EmulatorContext } from '../context.js';
import { CognitoError, userNotFound } from '../errors.js';
import { toRecord } from '../services/attributes.js';
import type { Pool, User } from '../services/model.js';
import { newUser, newUserIdentity } from '../services/new-user.js';
import { renderTemplate } from '../store/outbox.js';
import { assertPasswordConforms, generatePassword } from '../services/passwords.js';
import { invitationMessage } from '../services/pool-config.js';
import { describeUser } from '../store/users.js';
import { ATTRIBUTE_LIST, CLIENT_METADATA, PASSWORD, USER_POOL_ID, USERNAME } from '../validation.js';
import { target } from './target.js';

/**
 * An administrator creates a user: status FORCE_CHANGE_PASSWORD, a temporary password (given, or
 * generated to the policy), an invitation rendered with the pool's template to the desired media
 * (SMS by default, as on AWS) unless `MessageAction` is SUPPRESS. `RESEND` sends a new invitation
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
      ctx.users.update(pool, user);
      invite(ctx, pool, user, name, temporary, mediums);
      return { User: describeUser(user) };
    }

    const identity = newUserIdentity(ctx, pool, name, toRecord(input.UserAttributes ?? []));
    const user = newUser(
      ctx,
      pool,
      identity,
      'FORCE_CHANGE_PASSWORD',
      await passwordSecrets(ctx, pool, identity.username, temporary),
    );
    ctx.users.insert(pool, user, { forceAlias: input.ForceAliasCreation === true });
    if (input.MessageAction !== 'SUPPRESS') invite(ctx, pool, user, name, temporary, mediums);
    return { User: describeUser(user) };
  },
});

/** The invitation, to each desired medium the user has an address for. */
function invite(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  name: string,
  temporary: string,
  mediums: ('SMS' | 'EMAIL')[],
): void {
  const message = invitationMessage(pool);
  for (const medium of mediums) {
    const to = medium === 'EMAIL' ? user.attributes.email : user.attributes.phone_number;
    if (!to) continue;
    ctx.outbox.send({
      poolId: pool.id,
      to,
      kind: 'INVITATION',
      subject: medium === 'EMAIL' ? message.subject : null,
      body: renderTemplate(medium === 'EMAIL' ? message.email : message.sms, {
        code: temporary,
        username: name,
      }),
      code: temporary,
    });
  }
}
