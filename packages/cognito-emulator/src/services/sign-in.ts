import type { EmulatorContext } from '../context.js';
import { CognitoError, INCORRECT_CREDENTIALS, invalidParameter, notAuthorized } from '../errors.js';
import type { PreAuthenticationTriggerEvent, StringMap } from '../lambda/events.js';
import type { Client, Pool, User } from './model.js';
import { attributeList } from '../store/users.js';
import { assertSecretHash } from './secret-hash.js';
import { refreshSignIn } from './refresh.js';
import { srpSignIn } from './srp-sign-in.js';
import { srpVerifier } from './srp-verifier.js';
import type { AuthenticationResult } from './tokens.js';
import type { RequestInfo } from '../targets/target.js';
import { deviceOfSignIn, signedIn } from './device-sign-in.js';
import type { FirstChallenge } from './user-auth-factors.js';
import { userAuthSignIn } from './user-auth.js';
import { runTrigger } from './triggers.js';
import { customAuthSignIn } from './custom-auth.js';
import { eventAttributes } from './trigger-attributes.js';
import { migrateOnSignIn } from './migration.js';

/**
 * What a step of a sign-in knows of its request besides its parameters: the caller's address, and
 * the `ClientMetadata` it gave, which AWS hands to different triggers depending on the operation.
 */
export interface SignInRequest extends RequestInfo {
  /** InitiateAuth's and AdminInitiateAuth's: the pre authentication trigger's `validationData`. */
  validationData?: StringMap | undefined;
  /**
   * RespondToAuthChallenge's and AdminRespondToAuthChallenge's: the `clientMetadata` of the
   * triggers that answer runs (custom challenges, post authentication).
   */
  clientMetadata?: StringMap | undefined;
}

/**
 * What a sign-in answers: tokens, a challenge with its session (NEW_PASSWORD_REQUIRED, device
 * authentication's two steps, a second factor, a step of choice-based sign-in), or SRP's
 * PASSWORD_VERIFIER (its SECRET_BLOCK names the exchange).
 */
export type SignInAnswer =
  | { AuthenticationResult: AuthenticationResult; ChallengeParameters: Record<string, string> }
  | {
      ChallengeName:
        | 'NEW_PASSWORD_REQUIRED'
        | 'DEVICE_SRP_AUTH'
        | 'DEVICE_PASSWORD_VERIFIER'
        | 'SOFTWARE_TOKEN_MFA'
        | 'SMS_MFA'
        | 'EMAIL_OTP'
        | 'SELECT_MFA_TYPE'
        | 'MFA_SETUP'
        | 'SMS_OTP'
        | 'WEB_AUTHN'
        | 'PASSWORD'
        | 'PASSWORD_SRP';
      Session: string;
      ChallengeParameters: Record<string, string>;
    }
  | {
      ChallengeName: 'SELECT_CHALLENGE';
      Session: string;
      ChallengeParameters: Record<string, string>;
      AvailableChallenges: FirstChallenge[];
    }
  | { ChallengeName: 'PASSWORD_VERIFIER'; ChallengeParameters: Record<string, string>; Session?: string }
  | { ChallengeName: 'CUSTOM_CHALLENGE'; Session: string; ChallengeParameters: Record<string, string> };

/**
 * A user-name-and-password sign-in (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH): secret hash,
 * user (or the user migration trigger's), the pre authentication trigger, password, then the user's state and its DEVICE_KEY, each
 * failing the way Cognito fails. An unknown user and a wrong password are indistinguishable unless
 * the client opted into LEGACY existence errors.
 */
export async function passwordSignIn(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  parameters: Record<string, string>,
  request: SignInRequest,
): Promise<SignInAnswer> {
  const name = parameters.USERNAME;
  const password = parameters.PASSWORD;
  if (!name) throw invalidParameter('Missing required parameter USERNAME');
  if (!password) throw invalidParameter('Missing required parameter PASSWORD');
  assertSecretHash(client, name, parameters.SECRET_HASH);
  // A name of no user may be one the pool's user migration trigger brings over, with this password.
  const user =
    ctx.users.findBySignInName(pool, name) ??
    (await migrateOnSignIn(ctx, pool, client, name, password, request.validationData));
  if (!user) {
    assertExistenceHidden(client);
    await preAuthentication(ctx, { pool, client, name, user }, request);
    // Spend the time a password check would take, so timing does not tell either.
    await ctx.passwords.verify(password, DUMMY_HASH);
    throw notAuthorized(INCORRECT_CREDENTIALS);
  }
  await preAuthentication(ctx, { pool, client, name, user }, request);
  assertNotLockedOut(ctx, pool, user);
  if (!(await ctx.passwords.verify(password, user.passwordHash))) {
    ctx.lockout.fail(pool.id, user.username, ctx.now());
    throw notAuthorized(INCORRECT_CREDENTIALS);
  }
  ctx.lockout.succeed(pool.id, user.username);
  // A user stored before SRP verifiers gets one now that its password is known to be right.
  if (!user.srpVerifier && user.passwordHash) {
    ctx.users.addSrpVerifier(
      pool,
      user.username,
      user.passwordHash,
      srpVerifier(pool, user.username, password),
    );
  }
  assertMaySignIn(user);
  const deviceKey = parameters.DEVICE_KEY;
  deviceOfSignIn(ctx, pool, user.username, deviceKey);
  if (user.status === 'FORCE_CHANGE_PASSWORD')
    return newPasswordChallenge(ctx, pool, client, user, deviceKey);
  return signedIn(ctx, pool, client, user, originOf(request, deviceKey));
}

/** How a sign-in was made, for its last step: the device named, the caller, its RespondToAuthChallenge metadata. */
export const originOf = (request: SignInRequest, deviceKey: string | undefined) => ({
  deviceKey,
  sourceIp: request.sourceIp,
  clientMetadata: request.clientMetadata,
});

/** A sign-in of a name that names no user is `UserNotFoundException` where the client is LEGACY. */
export function assertExistenceHidden(client: Client): void {
  if (!hidesExistence(client)) {
    throw new CognitoError('UserNotFoundException', 'User does not exist.');
  }
}

/** Whether the client hides which users exist (`PreventUserExistenceErrors` ENABLED, the default). */
export const hidesExistence = (client: Client): boolean =>
  client.config.PreventUserExistenceErrors !== 'LEGACY';

/** A user's attributes as triggers get them (`cognito:user_status` too); none for a name of no user. */
export const triggerAttributes = (user: User | undefined): StringMap => (user ? eventAttributes(user) : {});

/**
 * `userNotFound`, which triggers of sign-in get where the client hides user existence (with
 * LEGACY a name of no user fails before any trigger runs).
 */
export function userNotFoundOf(client: Client, user: User | undefined): { userNotFound?: boolean } {
  return hidesExistence(client) ? { userNotFound: user === undefined } : {};
}

/** A map of client metadata as a trigger's request carries it: under `key`, only when it has entries. */
export function metadataField<K extends string>(
  key: K,
  metadata: StringMap | undefined,
): Partial<Record<K, StringMap>> {
  return metadata && Object.keys(metadata).length > 0
    ? ({ [key]: metadata } as Partial<Record<K, StringMap>>)
    : {};
}

/** Who is signing in, before any factor is checked: the name given and the user it names, if any. */
export interface SignInSubject {
  pool: Pool;
  client: Client;
  name: string;
  user: User | undefined;
}

/**
 * The pool's pre authentication trigger, run as a sign-in starts checking a factor (a password, an
 * SRP exchange, a one-time code, a passkey, custom challenges), before the factor is checked: a
 * failure of the function (`UserLambdaValidationException` "PreAuthentication failed with error
 * X.") stops the sign-in whatever the factor would have said. InitiateAuth's ClientMetadata is its
 * `validationData`. A name of no user runs it with `userNotFound` (only where the client hides
 * user existence: LEGACY fails before).
 */
export async function preAuthentication(
  ctx: EmulatorContext,
  subject: SignInSubject,
  request: SignInRequest,
): Promise<void> {
  const { pool, client, name, user } = subject;
  await runTrigger<PreAuthenticationTriggerEvent>(ctx, pool, {
    triggerSource: 'PreAuthentication_Authentication',
    userName: user?.username ?? name,
    clientId: client.id,
    request: {
      userAttributes: triggerAttributes(user),
      ...userNotFoundOf(client, user),
      ...metadataField('validationData', request.validationData),
    },
    response: {},
  });
}

/**
 * A user created by an administrator signs in with its temporary password and must choose its own:
 * the NEW_PASSWORD_REQUIRED challenge, answered with RespondToAuthChallenge within the session's
 * validity. A temporary password is good for the pool's `TemporaryPasswordValidityDays`.
 */
export function newPasswordChallenge(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  user: User,
  deviceKey: string | undefined,
): SignInAnswer {
  const days = pool.config.Policies.PasswordPolicy.TemporaryPasswordValidityDays;
  if (ctx.now() > user.updatedAt + days * 86_400_000) {
    throw notAuthorized('Temporary password has expired and must be reset by an administrator.');
  }
  const session = ctx.challenges.open(
    {
      poolId: pool.id,
      clientId: client.id,
      username: user.username,
      challenge: 'NEW_PASSWORD_REQUIRED',
      deviceKey,
    },
    client.config.AuthSessionValidity,
  );
  const shown = attributeList(user).filter((a) => a.Name !== 'sub');
  return {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    Session: session,
    ChallengeParameters: {
      USER_ID_FOR_SRP: user.username,
      requiredAttributes: JSON.stringify(missingRequired(pool, user).map((name) => `userAttributes.${name}`)),
      userAttributes: JSON.stringify(Object.fromEntries(shown.map((a) => [a.Name, a.Value]))),
    },
  };
}

/** Required attributes of the pool's schema that the user has no value for. */
export function missingRequired(pool: Pool, user: User): string[] {
  return pool.config.SchemaAttributes.filter(
    (a) => a.Required && a.Name !== 'sub' && !user.attributes[a.Name],
  ).map((a) => a.Name);
}

/**
 * Runs an auth flow of InitiateAuth or AdminInitiateAuth once the operation checked which flows it
 * takes: password sign-in (user or admin), SRP, refresh, choice-based sign-in, custom
 * authentication; anything else is unsupported by name.
 */
export function runAuthFlow(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  flow: string,
  parameters: Record<string, string>,
  request: SignInRequest,
): Promise<SignInAnswer> {
  switch (flow) {
    case 'USER_PASSWORD_AUTH':
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      return passwordSignIn(ctx, pool, client, parameters, request);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      return refreshSignIn(ctx, pool, client, parameters);
    case 'USER_SRP_AUTH':
      return srpSignIn(ctx, pool, client, parameters, request);
    case 'USER_AUTH':
      return userAuthSignIn(ctx, pool, client, parameters, request);
    case 'CUSTOM_AUTH':
      return customAuthSignIn(ctx, pool, client, parameters, request);
    default:
      throw new CognitoError(
        'UnsupportedOperationException',
        `The ${flow} flow is not supported by cognito-emulator; use USER_SRP_AUTH, USER_PASSWORD_AUTH, USER_AUTH or CUSTOM_AUTH.`,
      );
  }
}

/**
 * After five consecutive wrong passwords a user is locked out for a while (1 s, doubling with each
 * further failure, up to 15 minutes): every sign-in then fails, whatever its password.
 */
export function assertNotLockedOut(ctx: EmulatorContext, pool: Pool, user: User): void {
  if (ctx.lockout.isLocked(pool.id, user.username, ctx.now()))
    throw notAuthorized(PASSWORD_ATTEMPTS_EXCEEDED);
}

export const PASSWORD_ATTEMPTS_EXCEEDED = 'Password attempts exceeded';

/** A user whose password is right may still be stopped by its state. */
export function assertMaySignIn(user: User): void {
  if (!user.enabled) throw notAuthorized('User is disabled.');
  if (user.status === 'UNCONFIRMED')
    throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
  if (user.status === 'RESET_REQUIRED') {
    throw new CognitoError('PasswordResetRequiredException', 'Password reset required for the user');
  }
}

/** The groups a user belongs to, as the `cognito:groups` claim lists them. */
export function groupsOf(ctx: EmulatorContext, pool: Pool, user: User): string[] {
  return ctx.groups.groupsOf(pool.id, user.username).map((g) => g.name);
}

// scrypt of nothing anyone knows, with the default cost, to equalize the unknown-user path.
const DUMMY_HASH = 'scrypt$12$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
