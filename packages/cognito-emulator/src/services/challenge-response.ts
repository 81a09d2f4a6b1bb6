import { passwordSecrets } from './srp-verifier.js';
import type { EmulatorContext } from '../context.js';
import { invalidParameter, notAuthorized } from '../errors.js';
import { recordOf } from '../records.js';
import { assertNotTaken, toRecord } from './attributes.js';
import type { Client, Pool } from './model.js';
import { assertPasswordConforms } from './passwords.js';
import { assertAttributesConform, assertRequiredPresent } from './schema.js';
import { originOf, type SignInAnswer, type SignInRequest } from './sign-in.js';
import { answerPasswordVerifier } from './srp-sign-in.js';
import { answerCustomChallenge } from './custom-auth.js';
import { answerDevicePasswordVerifier, answerDeviceSrpAuth } from './device-srp.js';
import { deviceOfSignIn, signedIn } from './device-sign-in.js';
import { answerMfa, pendingOfSession } from './mfa-answers.js';
import { answerUserAuth, isFirstFactorCode } from './user-auth-answers.js';

export const CHALLENGE_NAMES = [
  'SMS_MFA',
  'EMAIL_OTP',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
  'PASSWORD_VERIFIER',
  'CUSTOM_CHALLENGE',
  'SELECT_CHALLENGE',
  'DEVICE_SRP_AUTH',
  'DEVICE_PASSWORD_VERIFIER',
  'ADMIN_NO_SRP_AUTH',
  'NEW_PASSWORD_REQUIRED',
  'SMS_OTP',
  'PASSWORD',
  'WEB_AUTHN',
  'PASSWORD_SRP',
] as const;

/**
 * Answers a challenge of a sign-in (RespondToAuthChallenge, AdminRespondToAuthChallenge):
 * PASSWORD_VERIFIER (SRP, its own module), the device challenges, the second factors (MFA, their own
 * module), the steps of choice-based sign-in (USER_AUTH, their own module), custom challenges
 * (CUSTOM_AUTH, their own module), and NEW_PASSWORD_REQUIRED: USERNAME (and SECRET_HASH) must name the user of
 * the session, NEW_PASSWORD must meet the policy, `userAttributes.<name>` responses fill attributes
 * (required ones the user lacks must be given). The session is spent on success.
 */
export async function respondToChallenge(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  input: { ChallengeName: string; Session?: string; ChallengeResponses?: Record<string, string> },
  request: SignInRequest,
): Promise<SignInAnswer> {
  const responses = input.ChallengeResponses ?? {};
  switch (input.ChallengeName) {
    case 'PASSWORD_VERIFIER':
      return answerPasswordVerifier(ctx, pool, client, responses, request, input.Session);
    case 'CUSTOM_CHALLENGE':
      return answerCustomChallenge(ctx, pool, client, input.Session, responses, request);
    case 'DEVICE_SRP_AUTH':
      return answerDeviceSrpAuth(ctx, pool, client, input.Session, responses);
    case 'DEVICE_PASSWORD_VERIFIER':
      return answerDevicePasswordVerifier(ctx, pool, client, input.Session, responses, request.sourceIp);
    case 'EMAIL_OTP':
      if (isFirstFactorCode(ctx, input.Session))
        return answerUserAuth(ctx, pool, client, 'EMAIL_OTP', input.Session, responses, request);
      return answerMfa(ctx, pool, client, 'EMAIL_OTP', input.Session, responses, request);
    case 'SOFTWARE_TOKEN_MFA':
    case 'SMS_MFA':
    case 'SELECT_MFA_TYPE':
    case 'MFA_SETUP':
      return answerMfa(ctx, pool, client, input.ChallengeName, input.Session, responses, request);
    case 'SELECT_CHALLENGE':
    case 'PASSWORD':
    case 'PASSWORD_SRP':
    case 'SMS_OTP':
    case 'WEB_AUTHN':
      return answerUserAuth(ctx, pool, client, input.ChallengeName, input.Session, responses, request);
  }
  const { pending, user, session } = pendingOfSession(
    ctx,
    pool,
    client,
    input.ChallengeName,
    input.Session,
    responses,
  );
  const password = responses.NEW_PASSWORD;
  if (!password) throw invalidParameter('Missing required parameter NEW_PASSWORD');
  const deviceKey =
    responses.DEVICE_KEY ?? (pending.challenge === 'NEW_PASSWORD_REQUIRED' ? pending.deviceKey : undefined);
  deviceOfSignIn(ctx, pool, user.username, deviceKey);

  const attributes = toRecord(
    Object.entries(responses)
      .filter(([key]) => key.startsWith('userAttributes.'))
      .map(([key, Value]) => ({ Name: key.slice('userAttributes.'.length), Value })),
  );
  if (attributes.sub !== undefined) throw invalidParameter('Cannot modify an immutable attribute: sub');
  assertAttributesConform(pool.config.SchemaAttributes, attributes);
  // A sign-in email or phone another user holds would fail the save: refuse it while the answer can
  // still be corrected.
  for (const [key, value] of Object.entries(attributes)) assertNotTaken(ctx.users, pool, user, key, value);
  const merged = { ...user.attributes, ...attributes };
  assertRequiredPresent(pool.config.SchemaAttributes, merged);
  assertPasswordConforms(password, pool.config.Policies.PasswordPolicy);

  // The answer is acceptable: spend the session now, before any await, so it answers once.
  ctx.challenges.take(session);
  const secrets = await passwordSecrets(ctx, pool, pending.username, password);
  // Apply to the user as stored now (it may have changed while the password was hashed).
  const current = ctx.users.findByUsername(pool, pending.username);
  if (!current) throw notAuthorized('Invalid session for the user.');
  current.attributes = recordOf({ ...current.attributes, ...attributes });
  Object.assign(current, secrets);
  current.status = 'CONFIRMED';
  current.updatedAt = ctx.now();
  ctx.users.update(pool, current);
  const origin = {
    ...originOf(request, deviceKey),
    tokenSource: 'TokenGeneration_NewPasswordChallenge' as const,
  };
  return signedIn(ctx, pool, client, current, origin);
}
