import type {
  EmailMfaSettingsType,
  SMSMfaSettingsType,
  SoftwareTokenMfaSettingsType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { EmulatorContext } from '../context.js';
import { invalidParameter } from '../errors.js';
import type { UserMfa } from '../store/mfa.js';
import { MFA_FACTORS, type MfaFactor } from './mfa-config.js';
import type { Pool, User } from './model.js';
import type { Rule } from '../validation.js';

const FACTOR_SETTINGS: Rule = {
  type: 'structure',
  members: { Enabled: { type: 'boolean' }, PreferredMfa: { type: 'boolean' } },
};

/** SetUserMFAPreference's and AdminSetUserMFAPreference's factor settings. */
export const MFA_PREFERENCE_SHAPE = {
  SMSMfaSettings: FACTOR_SETTINGS,
  SoftwareTokenMfaSettings: FACTOR_SETTINGS,
  EmailMfaSettings: FACTOR_SETTINGS,
  WebAuthnMfaSettings: { type: 'structure', members: { Enabled: { type: 'boolean' } } },
} satisfies Record<string, Rule>;

export interface MfaPreferenceInput {
  SMSMfaSettings?: SMSMfaSettingsType;
  SoftwareTokenMfaSettings?: SoftwareTokenMfaSettingsType;
  EmailMfaSettings?: EmailMfaSettingsType;
}

/** Whether a user can receive a factor's codes: a verified authenticator app, a phone, an email. */
export function canUse(factor: MfaFactor, user: User, mfa: UserMfa): boolean {
  if (factor === 'SOFTWARE_TOKEN_MFA') return mfa.totpSecret !== null;
  if (factor === 'SMS_MFA') return Boolean(user.attributes.phone_number);
  return Boolean(user.attributes.email);
}

const NOT_USABLE: Record<MfaFactor, string> = {
  SOFTWARE_TOKEN_MFA: 'User has not verified software token mfa',
  SMS_MFA: 'User does not have delivery config set to turn on SMS_MFA',
  EMAIL_OTP: 'User does not have delivery config set to turn on EMAIL_OTP',
};

/**
 * Applies a user's MFA preferences: each factor given is turned on or off (`PreferredMfa` true
 * turns it on), at most one is preferred, and a factor turned off stops being preferred. A factor
 * the user cannot receive (no verified app, phone or email) cannot be turned on.
 */
export function setMfaPreference(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  input: MfaPreferenceInput,
): void {
  const given: Record<MfaFactor, SMSMfaSettingsType | undefined> = {
    SMS_MFA: input.SMSMfaSettings,
    SOFTWARE_TOKEN_MFA: input.SoftwareTokenMfaSettings,
    EMAIL_OTP: input.EmailMfaSettings,
  };
  const preferring = MFA_FACTORS.filter((factor) => given[factor]?.PreferredMfa === true);
  if (preferring.length > 1) throw invalidParameter('Only one MFA method can be set as preferred.');
  const current = ctx.mfa.get(pool.id, user.username);
  const enabled = { ...current.enabled };
  let preferred = current.preferred;
  for (const factor of MFA_FACTORS) {
    const settings = given[factor];
    if (!settings) continue;
    const on = settings.Enabled ?? (settings.PreferredMfa === true ? true : enabled[factor]);
    if (on && !canUse(factor, user, current)) throw invalidParameter(NOT_USABLE[factor]);
    enabled[factor] = on;
    if (settings.PreferredMfa === true && on) preferred = factor;
    if ((!on || settings.PreferredMfa === false) && preferred === factor) preferred = null;
  }
  ctx.mfa.setPreferences(pool.id, user.username, enabled, preferred);
}

/**
 * What GetUser and AdminGetUser add about MFA: the factors turned on (`UserMFASettingList`) and the
 * preferred one, each only when there is one, as AWS leaves them out.
 */
export function mfaSettingsOf(ctx: EmulatorContext, pool: Pool, user: User) {
  const mfa = ctx.mfa.get(pool.id, user.username);
  const list = MFA_FACTORS.filter((factor) => mfa.enabled[factor]);
  return {
    ...(list.length > 0 ? { UserMFASettingList: list } : {}),
    ...(mfa.preferred ? { PreferredMfaSetting: mfa.preferred } : {}),
  };
}
