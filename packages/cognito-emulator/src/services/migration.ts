import type { EmulatorContext } from '../context.js';
import { CognitoError } from '../errors.js';
import type { StringMap, UserMigrationTriggerEvent } from '../lambda/events.js';
import { invalidLambdaResponse } from '../lambda/lambda-errors.js';
import { emptyRecord } from '../records.js';
import { type Alongside, type Draft, sendMessages } from './delivery.js';
import type { Client, Pool, User, UserStatus } from './model.js';
import { newUser, newUserIdentity } from './new-user.js';
import { generatePassword } from './passwords.js';
import { invitationMessage } from './pool-config.js';
import { passwordSecrets } from './srp-verifier.js';
import type { Medium } from './trigger-messages.js';
import { triggerOf, runTrigger } from './triggers.js';

/**
 * The user migration trigger: a user the pool does not know, signing in with a password or asking
 * for a password reset, is looked up by the pool's function in the application's old directory
 * and, when the function answers with attributes, created here.
 */

/** What the function decided about the user, read from its answer. */
interface Migrated {
  attributes: Record<string, string>;
  status: UserStatus;
  forceAlias: boolean;
  /** The media of the welcome message; none where the function suppressed it. */
  welcome: Medium[] | undefined;
}

/** The call a migration comes from: its app client and the metadata the triggers it runs may get. */
interface MigrationCall {
  client: Client;
  /** ForgotPassword's `ClientMetadata`; a sign-in gives none to message triggers (AWS's documentation). */
  clientMetadata?: StringMap | undefined;
}

/**
 * Sign-in with a password (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH) of a name no user has:
 * `UserMigration_Authentication` with the password and, as `validationData`, the sign-in's
 * `ClientMetadata` (AWS passes InitiateAuth's metadata there). The user is created with that
 * password (the pool's password policy does not apply, as AWS documents) and the status the
 * function chose (CONFIRMED by default, or RESET_REQUIRED), for the sign-in to go on with it.
 * Undefined without the trigger. Not run for SRP sign-ins: the password never reaches Cognito
 * there, and AWS does not migrate on them either.
 */
export async function migrateOnSignIn(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  name: string,
  password: string,
  clientMetadata: StringMap | undefined,
): Promise<User | undefined> {
  if (!triggerOf(pool, 'UserMigration')) return undefined;
  const migrated = await runMigration(ctx, pool, {
    triggerSource: 'UserMigration_Authentication',
    userName: name,
    clientId: client.id,
    request: { password, validationData: clientMetadata },
  });
  if (!migrated) return undefined;
  return store(ctx, pool, name, migrated, { client }, async (username) =>
    passwordSecrets(ctx, pool, username, password),
  );
}

/**
 * ForgotPassword of a name no user has: `UserMigration_ForgotPassword` (no password; the call's
 * `ClientMetadata` as `clientMetadata`). The user is created RESET_REQUIRED, without a password,
 * for the reset code to go to its verified email or phone. Undefined without the trigger.
 */
export async function migrateOnForgotPassword(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  name: string,
  clientMetadata: StringMap | undefined,
): Promise<User | undefined> {
  if (!triggerOf(pool, 'UserMigration')) return undefined;
  const migrated = await runMigration(ctx, pool, {
    triggerSource: 'UserMigration_ForgotPassword',
    userName: name,
    clientId: client.id,
    request: { clientMetadata },
  });
  if (!migrated) return undefined;
  const reset = { ...migrated, status: 'RESET_REQUIRED' as const };
  return store(ctx, pool, name, reset, { client, clientMetadata }, () =>
    Promise.resolve({ passwordHash: null, srpVerifier: null }),
  );
}

async function runMigration(
  ctx: EmulatorContext,
  pool: Pool,
  call: Pick<UserMigrationTriggerEvent, 'triggerSource' | 'userName' | 'request'> & { clientId: string },
): Promise<Migrated | undefined> {
  const response: unknown = await runTrigger<UserMigrationTriggerEvent>(ctx, pool, {
    ...call,
    response: { userAttributes: {} },
  });
  return response === undefined ? undefined : migratedOf(response);
}

/**
 * The function's answer, checked as Cognito reads it: `userAttributes` required (an object of
 * strings), `finalUserStatus` CONFIRMED (the default) or RESET_REQUIRED, `messageAction` RESEND or
 * SUPPRESS, `desiredDeliveryMediums` a list of EMAIL and SMS, `forceAliasCreation` true to take a
 * verified email or phone from the user that has it. Anything else is
 * `InvalidLambdaResponseException`. AWS sends new users its welcome message unless `messageAction`
 * is SUPPRESS, by SMS unless `desiredDeliveryMediums` says otherwise, whatever the final status.
 */
function migratedOf(response: unknown): Migrated {
  if (!isRecord(response)) throw invalidLambdaResponse();
  const { userAttributes, finalUserStatus, messageAction, desiredDeliveryMediums, forceAliasCreation } =
    response;
  const attributes = stringRecord(userAttributes);
  if (!attributes || Object.keys(attributes).length === 0) throw invalidLambdaResponse();
  if (!absentOrOneOf(finalUserStatus, ['CONFIRMED', 'RESET_REQUIRED'])) throw invalidLambdaResponse();
  if (!absentOrOneOf(messageAction, ['RESEND', 'SUPPRESS'])) throw invalidLambdaResponse();
  const media = mediaOf(desiredDeliveryMediums);
  return {
    attributes,
    status: finalUserStatus === 'RESET_REQUIRED' ? 'RESET_REQUIRED' : 'CONFIRMED',
    forceAlias: forceAliasCreation === true,
    welcome: messageAction === 'SUPPRESS' ? undefined : media,
  };
}

/** `desiredDeliveryMediums`: SMS where absent (AWS's default), else a list of EMAIL and SMS. */
function mediaOf(value: unknown): Medium[] {
  if (value === undefined || value === null) return ['SMS'];
  const isMedium = (item: unknown): item is Medium => item === 'EMAIL' || item === 'SMS';
  if (!Array.isArray(value) || !value.every(isMedium)) throw invalidLambdaResponse();
  return [...new Set(value)];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An optional answer field: absent (undefined or null, as JSON carries it) or one of the values. */
const absentOrOneOf = (value: unknown, values: readonly string[]): boolean =>
  value === undefined || value === null || (typeof value === 'string' && values.includes(value));

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const record = emptyRecord<string>();
  for (const [name, item] of Object.entries(value)) {
    if (typeof item !== 'string') return undefined;
    record[name] = item;
  }
  return record;
}

/**
 * Creates the migrated user under the name it signed in with (its `sub` in pools where the email
 * or phone is the user name), attributes checked against the schema as AdminCreateUser checks
 * them, and stored with its welcome message, if any (a failing custom message trigger leaves
 * neither). Of concurrent migrations of one name the store keeps one (and its message); the
 * others go on with it.
 */
async function store(
  ctx: EmulatorContext,
  pool: Pool,
  name: string,
  migrated: Migrated,
  call: MigrationCall,
  secretsOf: (username: string) => Promise<Pick<User, 'passwordHash' | 'srpVerifier'>>,
): Promise<User> {
  try {
    const identity = newUserIdentity(ctx, pool, name, migrated.attributes);
    const user = newUser(ctx, pool, identity, migrated.status, await secretsOf(identity.username));
    const insert = () => ctx.users.insert(pool, user, { forceAlias: migrated.forceAlias });
    if (migrated.welcome) await welcome(ctx, pool, user, { name, media: migrated.welcome, ...call }, insert);
    else insert();
    return user;
  } catch (error) {
    const winner =
      error instanceof CognitoError && error.type === 'UsernameExistsException'
        ? ctx.users.findBySignInName(pool, name)
        : undefined;
    if (winner) return winner;
    throw error;
  }
}

/**
 * The welcome message of a migrated user, to each of its media where the user has an address.
 * AWS does not document its text; the fields that control it are AdminCreateUser's, whose welcome
 * message is the invitation, so the emulator sends the pool's invitation (`InviteMessageTemplate`,
 * which `CustomMessage_AdminCreateUser` and the custom senders may take over, as AWS has no
 * migration source for them). Its `{####}` is a temporary password generated to the pool's policy
 * and set on nobody: the user keeps the password it migrated with (or has none, to be reset).
 */
async function welcome(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  message: MigrationCall & { name: string; media: Medium[] },
  alongside: Alongside,
): Promise<void> {
  const template = invitationMessage(pool);
  const drafts: Draft[] = [];
  for (const medium of message.media) {
    const to = medium === 'EMAIL' ? user.attributes.email : user.attributes.phone_number;
    if (!to) continue;
    drafts.push(
      medium === 'EMAIL'
        ? { to, medium, subject: template.subject, body: template.email }
        : { to, medium, subject: null, body: template.sms },
    );
  }
  await sendMessages(
    ctx,
    pool,
    user,
    'INVITATION',
    drafts,
    { code: generatePassword(pool.config.Policies.PasswordPolicy), username: message.name },
    { situation: 'AdminCreateUser', clientId: message.client.id, clientMetadata: message.clientMetadata },
    alongside,
  );
}
