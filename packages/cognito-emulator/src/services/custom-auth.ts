import type { EmulatorContext } from '../context.js';
import { INCORRECT_CREDENTIALS, invalidParameter, notAuthorized } from '../errors.js';
import { invalidLambdaResponse } from '../lambda/lambda-errors.js';
import { requiredResponse } from './answer-fields.js';
import type { CustomAuthState } from './challenges.js';
import {
  assertChallengeTrigger,
  createChallenge,
  defineChallenge,
  type RoundSubject,
  verifyAnswer,
} from './custom-auth-triggers.js';
import { deviceOfSignIn, finishSignIn, mfaChallengeOf, type SignInOrigin } from './device-sign-in.js';
import type { Client, Pool, User } from './model.js';
import { assertSecretHash } from './secret-hash.js';
import {
  assertExistenceHidden,
  assertMaySignIn,
  originOf,
  preAuthentication,
  type SignInAnswer,
  type SignInRequest,
} from './sign-in.js';
import { parseA, passwordVerifierChallenge, standInUserId } from './srp-sign-in.js';

/**
 * Custom authentication (CUSTOM_AUTH): the pool's define auth challenge trigger leads the sign-in
 * round by round, the create trigger makes each CUSTOM_CHALLENGE and the verify trigger judges its
 * ANSWER. With `CHALLENGE_NAME: SRP_A` and `SRP_A` (CUSTOM_WITH_SRP) the first round may be the
 * SRP password check (PASSWORD_VERIFIER). Every round's answer spends its session, right or wrong:
 * the define trigger decides what follows a wrong answer (a new challenge, or failure).
 */

/** A round about to be decided: who, the rounds so far, and SRP_A while a password check may start. */
interface Round extends RoundSubject {
  srpA?: bigint | undefined;
}

/**
 * InitiateAuth / AdminInitiateAuth CUSTOM_AUTH: USERNAME (and SECRET_HASH), the define trigger
 * configured (else AWS's `InvalidParameterException`), the user (a name of no user goes on as
 * `userNotFound` where the client hides user existence, `UserNotFoundException` where it is LEGACY),
 * the pre authentication trigger, the user's state, then the first round: the define trigger sees
 * no rounds, or the SRP_A round with CUSTOM_WITH_SRP. InitiateAuth's ClientMetadata reaches the
 * pre authentication trigger only, as on AWS.
 */
export async function customAuthSignIn(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  parameters: Record<string, string>,
  request: SignInRequest,
): Promise<SignInAnswer> {
  const name = requiredResponse(parameters, 'USERNAME');
  assertSecretHash(client, name, parameters.SECRET_HASH);
  const srpA =
    parameters.CHALLENGE_NAME === 'SRP_A' ? parseA(requiredResponse(parameters, 'SRP_A')) : undefined;
  assertChallengeTrigger(pool, 'DefineAuthChallenge');
  const user = ctx.users.findBySignInName(pool, name);
  if (!user) assertExistenceHidden(client);
  await preAuthentication(ctx, { pool, client, name, user }, request);
  const deviceKey = parameters.DEVICE_KEY;
  if (user) {
    assertMaySignIn(user);
    deviceOfSignIn(ctx, pool, user.username, deviceKey);
  }
  const state: CustomAuthState = {
    history: srpA === undefined ? [] : [{ challengeName: 'SRP_A', challengeResult: true }],
    userFound: user !== undefined,
    name,
  };
  const origin = originOf(request, deviceKey);
  return nextRound(ctx, { pool, client, name, user, state, srpA }, origin);
}

/**
 * RespondToAuthChallenge CUSTOM_CHALLENGE: the session of a custom challenge of this client,
 * ANSWER, USERNAME (and SECRET_HASH) naming the session's user. The session is spent before the
 * verify trigger runs, so of concurrent answers one goes on; the verify trigger's verdict joins the
 * rounds (with the challenge's metadata) and the define trigger decides the next step.
 */
export async function answerCustomChallenge(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  session: string | undefined,
  responses: Record<string, string>,
  request: SignInRequest,
): Promise<SignInAnswer> {
  if (!session) throw invalidParameter('Missing required parameter Session');
  const pending = ctx.challenges.get(session);
  if (pending.clientId !== client.id || pending.poolId !== pool.id)
    throw notAuthorized('Invalid session for the user.');
  if (pending.challenge !== 'CUSTOM_CHALLENGE') {
    throw invalidParameter('Challenge CUSTOM_CHALLENGE was not issued for this session.');
  }
  const answer = requiredResponse(responses, 'ANSWER');
  const name = requiredResponse(responses, 'USERNAME');
  assertSecretHash(client, name, responses.SECRET_HASH);
  const { custom } = pending;
  const named = ctx.users.findBySignInName(pool, name);
  const sameUser = custom.userFound
    ? named?.username === pending.username
    : !named && (name === pending.username || name === custom.name);
  if (!sameUser) throw notAuthorized('Invalid session for the user.');
  const deviceKey = responses.DEVICE_KEY ?? pending.deviceKey;
  if (named) deviceOfSignIn(ctx, pool, named.username, deviceKey);
  assertChallengeTrigger(pool, 'VerifyAuthChallengeResponse');

  // A complete answer: spend the session now, before any await, so it is answered once.
  ctx.challenges.take(session);
  const subject = { pool, client, name: custom.name, user: named, state: custom };
  const correct = await verifyAnswer(ctx, subject, pending.privateParameters, answer, request.clientMetadata);
  const user = custom.userFound ? currentUser(ctx, pool, pending.username) : undefined;
  const history = [
    ...custom.history,
    {
      challengeName: 'CUSTOM_CHALLENGE' as const,
      challengeResult: correct,
      ...(pending.challengeMetadata === undefined ? {} : { challengeMetadata: pending.challengeMetadata }),
    },
  ];
  const round = { ...subject, user, state: { ...custom, history } };
  return nextRound(ctx, round, originOf(request, deviceKey));
}

/**
 * The SRP step of CUSTOM_WITH_SRP answered with the right password: the user's MFA, if any, comes
 * now and its answer ends the sign-in (AWS issues tokens after it without asking the define trigger
 * again); otherwise the define trigger sees the PASSWORD_VERIFIER round and decides.
 */
export async function customAuthAfterPassword(
  ctx: EmulatorContext,
  subject: { pool: Pool; client: Client; user: User },
  custom: CustomAuthState,
  origin: SignInOrigin,
): Promise<SignInAnswer> {
  const { pool, client, user } = subject;
  const mfa = await mfaChallengeOf(ctx, pool, client, user, origin);
  if (mfa) return mfa;
  const history = [...custom.history, { challengeName: 'PASSWORD_VERIFIER' as const, challengeResult: true }];
  return nextRound(ctx, { pool, client, name: custom.name, user, state: { ...custom, history } }, origin);
}

/**
 * Asks the define trigger what follows the rounds so far: failure ("Incorrect username or
 * password."), tokens (never for a name of no user), a new CUSTOM_CHALLENGE, or, while SRP_A is at
 * hand, the password check. Any other answer is one Cognito cannot read.
 */
async function nextRound(ctx: EmulatorContext, round: Round, origin: SignInOrigin): Promise<SignInAnswer> {
  const decision = await defineChallenge(ctx, round, origin.clientMetadata);
  if (decision.failAuthentication) throw notAuthorized(INCORRECT_CREDENTIALS);
  if (decision.issueTokens) return issueTokens(ctx, round, origin);
  if (decision.challengeName === 'CUSTOM_CHALLENGE') return customChallenge(ctx, round, origin);
  if (decision.challengeName === 'PASSWORD_VERIFIER' && round.srpA !== undefined) {
    return passwordVerifierChallenge(ctx, round, round.srpA, origin.deviceKey, round.state);
  }
  throw invalidLambdaResponse();
}

/**
 * A CUSTOM_CHALLENGE from the create trigger: its public parameters and USERNAME (the internal user
 * name, a stand-in's made-up one) to the client, its private parameters and metadata kept in a new
 * session for the answer.
 */
async function customChallenge(
  ctx: EmulatorContext,
  round: Round,
  origin: SignInOrigin,
): Promise<SignInAnswer> {
  const { pool, client } = round;
  const created = await createChallenge(ctx, round, 'CUSTOM_CHALLENGE', origin.clientMetadata);
  const username = round.user?.username ?? standInUserId(pool, round.name);
  const session = ctx.challenges.open(
    {
      poolId: pool.id,
      clientId: client.id,
      username,
      challenge: 'CUSTOM_CHALLENGE',
      custom: round.state,
      privateParameters: created.privateParameters,
      challengeMetadata: created.challengeMetadata,
      deviceKey: origin.deviceKey,
    },
    client.config.AuthSessionValidity,
  );
  return {
    ChallengeName: 'CUSTOM_CHALLENGE',
    Session: session,
    ChallengeParameters: { ...created.publicParameters, USERNAME: username },
  };
}

/**
 * The define trigger grants the sign-in: the user as stored now must still be allowed to sign in,
 * then the post authentication trigger, devices and tokens, without MFA (AWS asks MFA only after a
 * password). A name of no user never gets tokens, whatever the trigger says.
 */
function issueTokens(ctx: EmulatorContext, round: Round, origin: SignInOrigin): Promise<SignInAnswer> {
  if (!round.user) throw notAuthorized(INCORRECT_CREDENTIALS);
  const user = currentUser(ctx, round.pool, round.user.username);
  assertMaySignIn(user);
  return finishSignIn(ctx, round.pool, round.client, user, origin);
}

/** The user of a custom authentication as stored now (deleted meanwhile: the sign-in fails). */
function currentUser(ctx: EmulatorContext, pool: Pool, username: string): User {
  const user = ctx.users.findByUsername(pool, username);
  if (!user) throw notAuthorized(INCORRECT_CREDENTIALS);
  return user;
}
