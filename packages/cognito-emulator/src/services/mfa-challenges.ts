import type { EmulatorContext } from '../context.js';
import { CognitoError } from '../errors.js';
import { newCode } from '../ids.js';
import type { StringMap } from '../lambda/events.js';
import { type MfaFactor, mfaFactorsOf, mfaModeOf, offeredFactors } from './mfa-config.js';
import { sendSignInCode } from './mfa-messages.js';
import type { Client, Pool, User } from './model.js';
import type { SignInAnswer } from './sign-in.js';
import { canUse } from './user-mfa.js';

/** Who is signing in, for the challenge that follows the first factor. */
export interface MfaSubject {
  pool: Pool;
  client: Client;
  user: User;
  deviceKey: string | undefined;
  /** The RespondToAuthChallenge's metadata when an answer leads to the factor (none from InitiateAuth). */
  clientMetadata?: StringMap | undefined;
}

/**
 * The second factor a sign-in that passed its first must give, as a challenge; undefined when none
 * is asked. MFA OFF asks none; OPTIONAL asks users with a factor on; ON asks every user. Of the
 * factors the pool offers and the user has on: the preferred one, the only one, or a choice
 * (SELECT_MFA_TYPE). A user of an ON pool with no factor on gets codes by SMS or email where the pool
 * offers them and the user has a phone or email, else sets up an authenticator app (MFA_SETUP).
 */
export async function secondFactor(
  ctx: EmulatorContext,
  subject: MfaSubject,
): Promise<SignInAnswer | undefined> {
  const { pool, user } = subject;
  const mode = mfaModeOf(pool);
  if (mode === 'OFF') return undefined;
  const offered = offeredFactors(mfaFactorsOf(pool));
  const mfa = ctx.mfa.get(pool.id, user.username);
  const usable = offered.filter((factor) => mfa.enabled[factor] && canUse(factor, user, mfa));
  if (usable.length === 0) {
    if (mode === 'OPTIONAL') return undefined;
    const implicit = offered.find((factor) => factor !== 'SOFTWARE_TOKEN_MFA' && canUse(factor, user, mfa));
    if (implicit) return factorChallenge(ctx, subject, implicit);
    if (offered.includes('SOFTWARE_TOKEN_MFA')) return mfaSetupChallenge(ctx, subject);
    throw new CognitoError('MFAMethodNotFoundException', 'No MFA mechanism registered in the account.');
  }
  const preferred = mfa.preferred && usable.includes(mfa.preferred) ? mfa.preferred : undefined;
  const only = usable.length === 1 ? usable[0] : undefined;
  const factor = preferred ?? only;
  if (factor) return factorChallenge(ctx, subject, factor);
  const session = open(ctx, subject, { challenge: 'SELECT_MFA_TYPE', choices: usable });
  return {
    ChallengeName: 'SELECT_MFA_TYPE',
    Session: session,
    ChallengeParameters: { MFAS_CAN_CHOOSE: JSON.stringify(usable) },
  };
}

/**
 * The challenge of one factor: SOFTWARE_TOKEN_MFA (the app's code), or SMS_MFA / EMAIL_OTP with a
 * new code sent (see `sendSignInCode`: the custom message or sender triggers run, and their failure
 * fails the sign-in before any session is opened) and where it went, masked, in the parameters.
 */
export async function factorChallenge(
  ctx: EmulatorContext,
  subject: MfaSubject,
  factor: MfaFactor,
): Promise<SignInAnswer> {
  if (factor === 'SOFTWARE_TOKEN_MFA') {
    const session = open(ctx, subject, { challenge: 'SOFTWARE_TOKEN_MFA' });
    return { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: session, ChallengeParameters: {} };
  }
  const code = newCode();
  const medium = factor === 'SMS_MFA' ? 'SMS' : 'EMAIL';
  const destination = await sendSignInCode(ctx, subject.pool, subject.user, medium, code, {
    clientId: subject.client.id,
    clientMetadata: subject.clientMetadata,
  });
  const session = open(ctx, subject, { challenge: factor, code });
  return {
    ChallengeName: factor,
    Session: session,
    ChallengeParameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: medium,
      CODE_DELIVERY_DESTINATION: destination,
    },
  };
}

/** MFA_SETUP: the user associates an authenticator app with this session, verifies it, answers. */
function mfaSetupChallenge(ctx: EmulatorContext, subject: MfaSubject): SignInAnswer {
  const session = open(ctx, subject, { challenge: 'MFA_SETUP', verified: false });
  return {
    ChallengeName: 'MFA_SETUP',
    Session: session,
    ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(['SOFTWARE_TOKEN_MFA']) },
  };
}

type MfaOpening =
  | { challenge: 'SOFTWARE_TOKEN_MFA' }
  | { challenge: 'SMS_MFA' | 'EMAIL_OTP'; code: string }
  | { challenge: 'SELECT_MFA_TYPE'; choices: MfaFactor[] }
  | { challenge: 'MFA_SETUP'; verified: boolean };

function open(ctx: EmulatorContext, subject: MfaSubject, opening: MfaOpening): string {
  return ctx.challenges.open(
    {
      poolId: subject.pool.id,
      clientId: subject.client.id,
      username: subject.user.username,
      deviceKey: subject.deviceKey,
      ...opening,
    },
    subject.client.config.AuthSessionValidity,
  );
}

/** Reopens MFA_SETUP under a new session (AssociateSoftwareToken and VerifySoftwareToken answer one). */
export function reopenMfaSetup(ctx: EmulatorContext, subject: MfaSubject, verified: boolean): string {
  return open(ctx, subject, { challenge: 'MFA_SETUP', verified });
}
