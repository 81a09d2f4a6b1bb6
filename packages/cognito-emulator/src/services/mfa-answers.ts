import type { EmulatorContext } from '../context.js';
import { invalidParameter, notAuthorized } from '../errors.js';
import { codeMismatch } from '../store/codes.js';
import type { PendingChallenge } from './challenges.js';
import { deviceOfSignIn, finishSignIn } from './device-sign-in.js';
import { factorChallenge } from './mfa-challenges.js';
import type { Client, Pool, User } from './model.js';
import { assertSecretHash } from './secret-hash.js';
import { originOf, type SignInAnswer, type SignInRequest } from './sign-in.js';
import { matchingStep } from './totp.js';
import { requiredResponse, sameCode } from './answer-fields.js';

/**
 * The pending challenge a session names for this client, of the challenge the request answers,
 * and its user, named by USERNAME (and SECRET_HASH) as the session's. The session is not spent.
 */
export function pendingOfSession(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  challengeName: string,
  session: string | undefined,
  responses: Record<string, string>,
): { pending: PendingChallenge; user: User; session: string } {
  if (!session) throw invalidParameter('Missing required parameter Session');
  const pending = ctx.challenges.get(session);
  if (pending.clientId !== client.id || pending.poolId !== pool.id)
    throw notAuthorized('Invalid session for the user.');
  if (challengeName !== pending.challenge) {
    throw invalidParameter(`Challenge ${challengeName} was not issued for this session.`);
  }
  const name = responses.USERNAME;
  if (!name) throw invalidParameter('Missing required parameter USERNAME');
  assertSecretHash(client, name, responses.SECRET_HASH);
  const user = ctx.users.findBySignInName(pool, name);
  if (!user || user.username !== pending.username) throw notAuthorized('Invalid session for the user.');
  return { pending, user, session };
}

const CODE_RESPONSE = {
  SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE',
  SMS_MFA: 'SMS_MFA_CODE',
  EMAIL_OTP: 'EMAIL_OTP_CODE',
};

/**
 * Answers a second-factor challenge. SOFTWARE_TOKEN_MFA: a code of the user's app within one step
 * of the clock, not used before (the store spends its step once); SMS_MFA and EMAIL_OTP: the code
 * sent. A wrong code is `CodeMismatchException` and counts against the session; a right one spends
 * the session, before anything asynchronous, and the sign-in ends (device challenge or tokens).
 * SELECT_MFA_TYPE opens the chosen factor's challenge; MFA_SETUP ends a sign-in whose app was
 * associated and verified through its sessions.
 */
export function answerMfa(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  challengeName: 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP' | 'SELECT_MFA_TYPE' | 'MFA_SETUP',
  sessionToken: string | undefined,
  responses: Record<string, string>,
  request: SignInRequest,
): Promise<SignInAnswer> {
  const { pending, user, session } = pendingOfSession(
    ctx,
    pool,
    client,
    challengeName,
    sessionToken,
    responses,
  );
  const deviceKey = responses.DEVICE_KEY ?? pending.deviceKey;
  // A device unknown to the user fails before any code is checked: a code, an authenticator's
  // above all, must still be unused when the caller retries without the device.
  deviceOfSignIn(ctx, pool, user.username, deviceKey);
  const finish = () => {
    ctx.challenges.take(session);
    return finishSignIn(ctx, pool, client, user, originOf(request, deviceKey));
  };
  switch (pending.challenge) {
    case 'SOFTWARE_TOKEN_MFA': {
      const code = requiredResponse(responses, CODE_RESPONSE.SOFTWARE_TOKEN_MFA);
      const secret = ctx.mfa.get(pool.id, user.username).totpSecret;
      const step = secret ? matchingStep(secret, code, ctx.now()) : undefined;
      if (step === undefined || !ctx.mfa.useStep(pool.id, user.username, step)) {
        ctx.challenges.miss(session);
        throw codeMismatch();
      }
      return finish();
    }
    case 'SMS_MFA':
    case 'EMAIL_OTP': {
      const code = requiredResponse(responses, CODE_RESPONSE[pending.challenge]);
      if (!sameCode(code, pending.code)) {
        ctx.challenges.miss(session);
        throw codeMismatch();
      }
      return finish();
    }
    case 'SELECT_MFA_TYPE': {
      const answer = requiredResponse(responses, 'ANSWER');
      const choice = pending.choices.find((factor) => factor === answer);
      if (!choice)
        throw invalidParameter("Invalid ANSWER: it must be one of the challenge's MFAS_CAN_CHOOSE.");
      ctx.challenges.take(session);
      const subject = { pool, client, user, deviceKey, clientMetadata: request.clientMetadata };
      return factorChallenge(ctx, subject, choice);
    }
    case 'MFA_SETUP':
      if (!pending.verified) {
        throw invalidParameter(
          'Software token MFA is not verified: call VerifySoftwareToken with this Session.',
        );
      }
      return finish();
    default:
      throw notAuthorized('Invalid session for the user.');
  }
}
