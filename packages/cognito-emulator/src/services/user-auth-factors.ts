import type { AuthFactorType } from '@aws-sdk/client-cognito-identity-provider';
import type { EmulatorContext } from '../context.js';
import type { Pool, User } from './model.js';
import { allowedFirstFactors, type FirstFactor } from './user-auth-policy.js';
import { mfaSettingsOf } from './user-mfa.js';
import { hasPasskey } from './webauthn.js';

/**
 * A challenge a choice-based sign-in (USER_AUTH) can start with, as `AvailableChallenges`,
 * `PREFERRED_CHALLENGE` and the `ANSWER` of SELECT_CHALLENGE name it: the PASSWORD factor is offered
 * both plainly and as SRP.
 */
export type FirstChallenge = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';
export const FIRST_CHALLENGES: readonly FirstChallenge[] = [
  'PASSWORD',
  'PASSWORD_SRP',
  'EMAIL_OTP',
  'SMS_OTP',
  'WEB_AUTHN',
];

const CHALLENGES_OF: Record<FirstFactor, FirstChallenge[]> = {
  PASSWORD: ['PASSWORD', 'PASSWORD_SRP'],
  EMAIL_OTP: ['EMAIL_OTP'],
  SMS_OTP: ['SMS_OTP'],
  WEB_AUTHN: ['WEB_AUTHN'],
};

const verified = (user: User, attribute: 'email' | 'phone_number') =>
  Boolean(user.attributes[attribute]) && user.attributes[`${attribute}_verified`] === 'true';

/**
 * Whether a user can sign in with a factor: a password set, a verified email or phone to receive a
 * code, a registered passkey.
 */
function userHas(ctx: EmulatorContext, pool: Pool, user: User, factor: FirstFactor): boolean {
  switch (factor) {
    case 'PASSWORD':
      return user.passwordHash !== null;
    case 'EMAIL_OTP':
      return verified(user, 'email');
    case 'SMS_OTP':
      return verified(user, 'phone_number');
    case 'WEB_AUTHN':
      return hasPasskey(ctx, pool, user);
  }
}

/** The challenges a user may choose from: the pool's first factors that the user has. */
export function userFirstChallenges(ctx: EmulatorContext, pool: Pool, user: User): FirstChallenge[] {
  return allowedFirstFactors(pool)
    .filter((factor) => userHas(ctx, pool, user, factor))
    .flatMap((factor) => CHALLENGES_OF[factor]);
}

/**
 * The challenges offered for a user name that names no user (the client hides user existence): the
 * pool's password and one-time-code factors, as for a user who has them all. Passkeys are left out:
 * a passkey challenge names the user's credentials, which a stand-in cannot have.
 */
export function standInChallenges(pool: Pool): FirstChallenge[] {
  return allowedFirstFactors(pool)
    .filter((factor) => factor !== 'WEB_AUTHN')
    .flatMap((factor) => CHALLENGES_OF[factor]);
}

/**
 * GetUserAuthFactors' `ConfiguredUserAuthFactors`: the first factors of the pool the user can sign
 * in with, and the second factors the user turned on (an authenticator app is `SOFTWARE_TOKEN`; SMS
 * and email codes as MFA are `SMS_OTP` and `EMAIL_OTP`), each once, in the API's order.
 */
export function configuredAuthFactors(ctx: EmulatorContext, pool: Pool, user: User): AuthFactorType[] {
  const first = allowedFirstFactors(pool).filter((factor) => userHas(ctx, pool, user, factor));
  const mfa = ctx.mfa.get(pool.id, user.username).enabled;
  const configured = new Set<AuthFactorType>(first);
  if (mfa.EMAIL_OTP) configured.add('EMAIL_OTP');
  if (mfa.SMS_MFA) configured.add('SMS_OTP');
  if (mfa.SOFTWARE_TOKEN_MFA) configured.add('SOFTWARE_TOKEN');
  const order: AuthFactorType[] = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN', 'SOFTWARE_TOKEN'];
  return order.filter((factor) => configured.has(factor));
}

/** GetUserAuthFactors' and AdminGetUserAuthFactors' answer. */
export function userAuthFactors(ctx: EmulatorContext, pool: Pool, user: User) {
  return {
    Username: user.username,
    ...mfaSettingsOf(ctx, pool, user),
    ConfiguredUserAuthFactors: configuredAuthFactors(ctx, pool, user),
  };
}
