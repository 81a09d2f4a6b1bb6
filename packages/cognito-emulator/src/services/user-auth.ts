import type { EmulatorContext } from '../context.js';
import { INCORRECT_CREDENTIALS, invalidParameter, notAuthorized } from '../errors.js';
import type { Client, Pool } from './model.js';
import { assertSecretHash } from './secret-hash.js';
import {
  assertExistenceHidden,
  passwordSignIn,
  preAuthentication,
  type SignInAnswer,
  type SignInRequest,
} from './sign-in.js';
import { srpSignIn } from './srp-sign-in.js';
import {
  FIRST_CHALLENGES,
  type FirstChallenge,
  standInChallenges,
  userFirstChallenges,
} from './user-auth-factors.js';
import { codeChallenge, offerChoice, passkeyChallenge, type UserAuthSubject } from './user-auth-steps.js';

/**
 * Choice-based sign-in (USER_AUTH): USERNAME (and SECRET_HASH), and optionally the factor the user
 * prefers (PREFERRED_CHALLENGE). A preference the user can use starts it at once (with PASSWORD or
 * SRP_A given alongside, straight to the password check or PASSWORD_VERIFIER); without one, or with
 * one the user cannot use, SELECT_CHALLENGE lists the factors the user can use. A name that names no
 * user gets stand-ins of the pool's factors where the client hides user existence (the default),
 * `UserNotFoundException` where it is LEGACY.
 */
export function userAuthSignIn(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  parameters: Record<string, string>,
  request: SignInRequest,
): Promise<SignInAnswer> {
  const name = parameters.USERNAME;
  if (!name) throw invalidParameter('Missing required parameter USERNAME');
  assertSecretHash(client, name, parameters.SECRET_HASH);
  const preferred = preferredChallenge(parameters.PREFERRED_CHALLENGE);
  const user = ctx.users.findBySignInName(pool, name);
  if (!user) assertExistenceHidden(client);
  const available = user ? userFirstChallenges(ctx, pool, user) : standInChallenges(pool);
  if (available.length === 0) throw notAuthorized(INCORRECT_CREDENTIALS);
  const subject: UserAuthSubject = { pool, client, name, user, deviceKey: parameters.DEVICE_KEY };
  if (preferred && available.includes(preferred)) {
    return startChallenge(ctx, subject, preferred, available, parameters, request);
  }
  return Promise.resolve(offerChoice(ctx, subject, 'SELECT_CHALLENGE', available));
}

function preferredChallenge(value: string | undefined): FirstChallenge | undefined {
  if (value === undefined) return undefined;
  const known = FIRST_CHALLENGES.find((challenge) => challenge === value);
  if (!known) {
    throw invalidParameter(`PREFERRED_CHALLENGE must be one of ${FIRST_CHALLENGES.join(', ')}.`);
  }
  return known;
}

/**
 * Starts the first factor chosen (preferred at InitiateAuth, or the ANSWER to SELECT_CHALLENGE):
 * PASSWORD checks the PASSWORD given (then the user's MFA, as after any password), PASSWORD_SRP
 * answers PASSWORD_VERIFIER to the SRP_A given, and either prompts for it when it is missing;
 * EMAIL_OTP and SMS_OTP send a code; WEB_AUTHN asks for a passkey assertion. The pre
 * authentication trigger runs as a factor starts (not for a prompt, which starts none).
 */
export async function startChallenge(
  ctx: EmulatorContext,
  subject: UserAuthSubject,
  challenge: FirstChallenge,
  available: FirstChallenge[],
  given: Record<string, string>,
  request: SignInRequest,
): Promise<SignInAnswer> {
  const { pool, client } = subject;
  const parameters = {
    ...given,
    USERNAME: subject.name,
    ...(subject.deviceKey ? { DEVICE_KEY: subject.deviceKey } : {}),
  };
  switch (challenge) {
    case 'PASSWORD':
      if (given.PASSWORD) return passwordSignIn(ctx, pool, client, parameters, request);
      return offerChoice(ctx, subject, challenge, available);
    case 'PASSWORD_SRP':
      if (given.SRP_A) return srpSignIn(ctx, pool, client, parameters, request);
      return offerChoice(ctx, subject, challenge, available);
    case 'EMAIL_OTP':
    case 'SMS_OTP':
      await preAuthentication(ctx, subject, request);
      return codeChallenge(ctx, subject, challenge, request.clientMetadata);
    case 'WEB_AUTHN':
      await preAuthentication(ctx, subject, request);
      return passkeyChallenge(ctx, subject);
  }
}
