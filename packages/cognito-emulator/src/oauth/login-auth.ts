import type { EmulatorContext } from '../context.js';
import { CognitoError, INCORRECT_CREDENTIALS, invalidParameter, notAuthorized } from '../errors.js';
import type { PostAuthenticationTriggerEvent } from '../lambda/events.js';
import { recordOf } from '../records.js';
import { sameCode } from '../services/answer-fields.js';
import type { PendingChallenge } from '../services/challenges.js';
import { factorChallenge, secondFactor } from '../services/mfa-challenges.js';
import { migrateOnSignIn } from '../services/migration.js';
import type { Client, Pool, User } from '../services/model.js';
import { assertPasswordConforms } from '../services/passwords.js';
import { assertAttributesConform, assertRequiredPresent } from '../services/schema.js';
import {
  assertMaySignIn,
  assertNotLockedOut,
  missingRequired,
  newPasswordChallenge,
  preAuthentication,
  triggerAttributes,
} from '../services/sign-in.js';
import type { SignInAnswer } from '../services/sign-in.js';
import { passwordSecrets } from '../services/srp-verifier.js';
import { matchingStep } from '../services/totp.js';
import { runTrigger } from '../services/triggers.js';
import { codeMismatch } from '../store/codes.js';

/**
 * The managed login's sign-in, step by step, over the flows' own pieces: the password (with the
 * user migration and pre authentication triggers, lockout), a new password for a user an
 * administrator created, a second factor (authenticator app, SMS or email code, a choice between
 * them), the post authentication trigger. Each step between two pages is a challenge session
 * (`ctx.challenges`): single-use, the client's `AuthSessionValidity`, wrong codes counted. Failures
 * are Cognito's errors, shown on the page.
 */

export type LoginOutcome =
  | { kind: 'signedIn'; user: User }
  | { kind: 'newPassword'; step: string; attributes: string[] }
  | { kind: 'mfa'; step: string; challenge: string; destination: string | undefined }
  | { kind: 'selectMfa'; step: string; choices: string[] };

/** Who signs in where. */
export interface LoginClient {
  pool: Pool;
  client: Client;
}

/** The first step: user name (or email, phone) and password. */
export async function passwordStep(
  ctx: EmulatorContext,
  { pool, client }: LoginClient,
  name: string,
  password: string,
): Promise<LoginOutcome> {
  const user =
    ctx.users.findBySignInName(pool, name) ??
    (await migrateOnSignIn(ctx, pool, client, name, password, undefined));
  // The managed login never tells which users exist.
  if (!user) throw notAuthorized(INCORRECT_CREDENTIALS);
  await preAuthentication(ctx, { pool, client, name, user }, { sourceIp: null });
  assertNotLockedOut(ctx, pool, user);
  if (!(await ctx.passwords.verify(password, user.passwordHash))) {
    ctx.lockout.fail(pool.id, user.username, ctx.now());
    throw notAuthorized(INCORRECT_CREDENTIALS);
  }
  ctx.lockout.succeed(pool.id, user.username);
  assertMaySignIn(user);
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    const answer = newPasswordChallenge(ctx, pool, client, user, undefined);
    return { kind: 'newPassword', step: sessionOf(answer), attributes: missingRequired(pool, user) };
  }
  return secondStep(ctx, { pool, client }, user);
}

/** The session of a challenge a flow answered. */
function sessionOf(answer: SignInAnswer): string {
  if (!('Session' in answer) || !answer.Session) throw new Error('a challenge without a session');
  return answer.Session;
}

/** After the first factor: the second one the pool asks of this user, or signed in. */
async function secondStep(ctx: EmulatorContext, login: LoginClient, user: User): Promise<LoginOutcome> {
  const answer = await secondFactor(ctx, { ...login, user, deviceKey: undefined });
  if (!answer) return finish(ctx, login, user);
  return mfaOutcome(answer);
}

function mfaOutcome(answer: SignInAnswer): LoginOutcome {
  if (!('ChallengeName' in answer)) throw new Error('a second factor without a challenge');
  const step = sessionOf(answer);
  if (answer.ChallengeName === 'SELECT_MFA_TYPE') {
    const choices: unknown = JSON.parse(answer.ChallengeParameters.MFAS_CAN_CHOOSE ?? '[]');
    return { kind: 'selectMfa', step, choices: Array.isArray(choices) ? choices.map(String) : [] };
  }
  if (answer.ChallengeName === 'MFA_SETUP') {
    throw new CognitoError(
      'MFAMethodNotFoundException',
      'Set up an authenticator app first: the emulator’s managed login does not offer MFA setup.',
    );
  }
  return {
    kind: 'mfa',
    step,
    challenge: answer.ChallengeName,
    destination: answer.ChallengeParameters.CODE_DELIVERY_DESTINATION,
  };
}

/** The pending challenge a step names, of this client and of the expected kind (not spent). */
function pendingStep(
  ctx: EmulatorContext,
  { pool, client }: LoginClient,
  step: string | undefined,
  kinds: readonly string[],
): PendingChallenge {
  if (!step) throw notAuthorized('Invalid session for the user.');
  const pending = ctx.challenges.get(step);
  if (pending.poolId !== pool.id || pending.clientId !== client.id || !kinds.includes(pending.challenge)) {
    throw notAuthorized('Invalid session for the user.');
  }
  return pending;
}

/** The user a step is about, as stored now. */
function userOf(ctx: EmulatorContext, pool: Pool, pending: PendingChallenge): User {
  const user = ctx.users.findByUsername(pool, pending.username);
  if (!user) throw notAuthorized('Invalid session for the user.');
  return user;
}

/** NEW_PASSWORD_REQUIRED: the new password (and required attributes the user lacks). */
export async function newPasswordStep(
  ctx: EmulatorContext,
  login: LoginClient,
  step: string | undefined,
  password: string,
  attributes: Record<string, string>,
): Promise<LoginOutcome> {
  const { pool } = login;
  const pending = pendingStep(ctx, login, step, ['NEW_PASSWORD_REQUIRED']);
  const user = userOf(ctx, pool, pending);
  if (attributes.sub !== undefined) throw invalidParameter('Cannot modify an immutable attribute: sub');
  assertAttributesConform(pool.config.SchemaAttributes, attributes);
  assertRequiredPresent(pool.config.SchemaAttributes, { ...user.attributes, ...attributes });
  assertPasswordConforms(password, pool.config.Policies.PasswordPolicy);
  ctx.challenges.take(step!);
  const secrets = await passwordSecrets(ctx, pool, user.username, password);
  const current = userOf(ctx, pool, pending);
  current.attributes = recordOf({ ...current.attributes, ...attributes });
  Object.assign(current, secrets);
  current.status = 'CONFIRMED';
  current.updatedAt = ctx.now();
  ctx.users.update(pool, current);
  return secondStep(ctx, login, current);
}

/** A second factor's code: the authenticator app's (each step once) or the one sent. */
export async function mfaStep(
  ctx: EmulatorContext,
  login: LoginClient,
  step: string | undefined,
  code: string,
): Promise<LoginOutcome> {
  const { pool } = login;
  const pending = pendingStep(ctx, login, step, ['SOFTWARE_TOKEN_MFA', 'SMS_MFA', 'EMAIL_OTP']);
  const user = userOf(ctx, pool, pending);
  let right = false;
  if (pending.challenge === 'SOFTWARE_TOKEN_MFA') {
    const secret = ctx.mfa.get(pool.id, user.username).totpSecret;
    const matched = secret ? matchingStep(secret, code, ctx.now()) : undefined;
    right = matched !== undefined && ctx.mfa.useStep(pool.id, user.username, matched);
  } else if (pending.challenge === 'SMS_MFA' || pending.challenge === 'EMAIL_OTP') {
    right = sameCode(code, pending.code);
  }
  if (!right) {
    ctx.challenges.miss(step!);
    throw codeMismatch();
  }
  ctx.challenges.take(step!);
  return finish(ctx, login, user);
}

/** SELECT_MFA_TYPE: the factor chosen, whose challenge follows. */
export async function selectMfaStep(
  ctx: EmulatorContext,
  login: LoginClient,
  step: string | undefined,
  factor: string,
): Promise<LoginOutcome> {
  const pending = pendingStep(ctx, login, step, ['SELECT_MFA_TYPE']);
  const choice =
    pending.challenge === 'SELECT_MFA_TYPE' ? pending.choices.find((f) => f === factor) : undefined;
  if (!choice) throw invalidParameter('Choose one of the offered factors.');
  ctx.challenges.take(step!);
  const user = userOf(ctx, login.pool, pending);
  return mfaOutcome(await factorChallenge(ctx, { ...login, user, deviceKey: undefined }, choice));
}

/** The end of a sign-in: the post authentication trigger, whose failure fails it. */
async function finish(
  ctx: EmulatorContext,
  { pool, client }: LoginClient,
  user: User,
): Promise<LoginOutcome> {
  await runTrigger<PostAuthenticationTriggerEvent>(ctx, pool, {
    triggerSource: 'PostAuthentication_Authentication',
    userName: user.username,
    clientId: client.id,
    request: { userAttributes: triggerAttributes(user), newDeviceUsed: false },
    response: {},
  });
  return { kind: 'signedIn', user };
}
