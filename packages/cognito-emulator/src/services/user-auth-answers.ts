import type { EmulatorContext } from '../context.js';
import { invalidParameter, notAuthorized } from '../errors.js';
import { codeMismatch } from '../store/codes.js';
import type { PendingChallenge } from './challenges.js';
import { deviceOfSignIn, finishSignIn } from './device-sign-in.js';
import type { Client, Pool, User } from './model.js';
import { assertSecretHash } from './secret-hash.js';
import {
  assertMaySignIn,
  assertNotLockedOut,
  newPasswordChallenge,
  originOf,
  type SignInAnswer,
  type SignInRequest,
} from './sign-in.js';
import { startChallenge } from './user-auth.js';
import { verifyPasskeyAssertion } from './webauthn.js';
import { requiredResponse, sameCode } from './answer-fields.js';

/** The challenges of choice-based sign-in that RespondToAuthChallenge answers here. */
export type UserAuthChallengeName =
  'SELECT_CHALLENGE' | 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

/** The kind of session each answer belongs to (PASSWORD and PASSWORD_SRP prompts are choices). */
const SESSION_OF: Record<UserAuthChallengeName, PendingChallenge['challenge']> = {
  SELECT_CHALLENGE: 'SELECT_CHALLENGE',
  PASSWORD: 'SELECT_CHALLENGE',
  PASSWORD_SRP: 'SELECT_CHALLENGE',
  EMAIL_OTP: 'EMAIL_OTP',
  SMS_OTP: 'SMS_OTP',
  WEB_AUTHN: 'WEB_AUTHN',
};

/**
 * Whether a session is a USER_AUTH one-time code (EMAIL_OTP is also a second factor's challenge). A
 * session that is missing, unknown or expired fails here as it would in either answer.
 */
export function isFirstFactorCode(ctx: EmulatorContext, session: string | undefined): boolean {
  return session !== undefined && 'firstFactor' in ctx.challenges.get(session);
}

/**
 * Answers a step of choice-based sign-in. SELECT_CHALLENGE (or the PASSWORD and PASSWORD_SRP
 * prompts): ANSWER must be one of the AvailableChallenges; the session is spent and the factor
 * starts with what came alongside (PASSWORD, SRP_A). EMAIL_OTP / SMS_OTP: the code sent; WEB_AUTHN:
 * a passkey assertion of the session's challenge. Either signs the user in without MFA (a
 * passwordless first factor satisfies it, as on AWS).
 */
export function answerUserAuth(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  challengeName: UserAuthChallengeName,
  sessionToken: string | undefined,
  responses: Record<string, string>,
  request: SignInRequest,
): Promise<SignInAnswer> {
  if (!sessionToken) throw invalidParameter('Missing required parameter Session');
  const pending = ctx.challenges.get(sessionToken);
  if (pending.clientId !== client.id || pending.poolId !== pool.id)
    throw notAuthorized('Invalid session for the user.');
  if (SESSION_OF[challengeName] !== pending.challenge) {
    throw invalidParameter(`Challenge ${challengeName} was not issued for this session.`);
  }
  const name = requiredResponse(responses, 'USERNAME');
  assertSecretHash(client, name, responses.SECRET_HASH);
  const user = ctx.users.findBySignInName(pool, name);
  // A stand-in's session was opened under the name given, a user's under its user name.
  if (user ? user.username !== pending.username : name !== pending.username)
    throw notAuthorized('Invalid session for the user.');
  const deviceKey = responses.DEVICE_KEY ?? pending.deviceKey;
  const step = { ctx, pool, client, session: sessionToken, user, deviceKey, request };
  switch (pending.challenge) {
    case 'SELECT_CHALLENGE': {
      const choice =
        challengeName === 'SELECT_CHALLENGE' ? requiredResponse(responses, 'ANSWER') : challengeName;
      const chosen = pending.available.find((challenge) => challenge === choice);
      if (!chosen) throw invalidParameter('Invalid ANSWER: it must be one of the AvailableChallenges.');
      if (challengeName === 'PASSWORD') requiredResponse(responses, 'PASSWORD');
      if (challengeName === 'PASSWORD_SRP') requiredResponse(responses, 'SRP_A');
      if (user) deviceOfSignIn(ctx, pool, user.username, deviceKey);
      ctx.challenges.take(sessionToken);
      const subject = { pool, client, name, user, deviceKey };
      return startChallenge(ctx, subject, chosen, pending.available, responses, request);
    }
    case 'EMAIL_OTP':
    case 'SMS_OTP':
      return answerCode(step, requiredResponse(responses, `${pending.challenge}_CODE`), pending.code);
    case 'WEB_AUTHN':
      return answerPasskey(step, requiredResponse(responses, 'CREDENTIAL'), pending.assertion);
    default:
      throw notAuthorized('Invalid session for the user.');
  }
}

interface Step {
  ctx: EmulatorContext;
  pool: Pool;
  client: Client;
  session: string;
  user: User | undefined;
  deviceKey: string | undefined;
  request: SignInRequest;
}

/**
 * A one-time code as the first factor. A wrong code (and any code of a stand-in) is
 * `CodeMismatchException`: it counts against the session (spent at three) and, as a wrong password
 * does, towards the user's lockout. The right one spends the session before anything asynchronous.
 */
function answerCode(step: Step, given: string, expected: string): Promise<SignInAnswer> {
  const { ctx, pool, user, session } = step;
  if (user) assertNotLockedOut(ctx, pool, user);
  if (!user || !sameCode(given, expected)) {
    ctx.challenges.miss(session);
    if (user) ctx.lockout.fail(pool.id, user.username, ctx.now());
    throw codeMismatch();
  }
  deviceOfSignIn(ctx, pool, user.username, step.deviceKey);
  ctx.challenges.take(session);
  ctx.lockout.succeed(pool.id, user.username);
  return passwordlessSignedIn(step, user);
}

/**
 * A passkey assertion of the session's challenge. The session is spent by any complete answer (a
 * WebAuthn challenge is signed once); the assertion is then verified against the user's passkeys.
 */
async function answerPasskey(step: Step, credential: string, challenge: string): Promise<SignInAnswer> {
  const { ctx, pool, user, session } = step;
  if (!user) throw notAuthorized('Invalid session for the user.');
  deviceOfSignIn(ctx, pool, user.username, step.deviceKey);
  ctx.challenges.take(session);
  await verifyPasskeyAssertion(ctx, pool, user, credential, challenge);
  return passwordlessSignedIn(step, user);
}

/**
 * The end of a passwordless first factor: the user's state as stored now decides (disabled,
 * unconfirmed, reset required, or a temporary password still to replace), then device and tokens.
 */
function passwordlessSignedIn(step: Step, user: User): Promise<SignInAnswer> {
  const { ctx, pool, client } = step;
  const current = ctx.users.findByUsername(pool, user.username);
  if (!current) throw notAuthorized('Invalid session for the user.');
  assertMaySignIn(current);
  if (current.status === 'FORCE_CHANGE_PASSWORD') {
    return Promise.resolve(newPasswordChallenge(ctx, pool, client, current, step.deviceKey));
  }
  return finishSignIn(ctx, pool, client, current, originOf(step.request, step.deviceKey));
}
