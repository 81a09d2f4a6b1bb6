import type {
  SetUserPoolMfaConfigRequest,
  SmsMfaConfigType,
  EmailMfaConfigType,
  UserVerificationType,
  WebAuthnConfigurationType,
  WebAuthnFactorConfigurationType,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoError, invalidParameter } from '../errors.js';
import type { Validated } from '../targets/target.js';
import type { Rule } from '../validation.js';
import type { Pool } from './model.js';

/** A second factor, by the name Cognito's challenges and `UserMFASettingList` give it. */
export type MfaFactor = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';
export const MFA_FACTORS: readonly MfaFactor[] = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'];
export type MfaMode = 'OFF' | 'ON' | 'OPTIONAL';

/**
 * The factors a pool offers, as SetUserPoolMfaConfig sets them: an SMS configuration (present:
 * SMS codes are offered), whether authenticator apps are, an email configuration (present: email
 * codes are). Kept in the pool's stored configuration under `MfaFactors`, which DescribeUserPool
 * does not show (AWS shows these only through GetUserPoolMfaConfig).
 */
export interface MfaFactors {
  sms?: SmsMfaConfigType;
  softwareToken: boolean;
  email?: EmailMfaConfigType;
  /** The passkey settings (`WebAuthnConfiguration`), when SetUserPoolMfaConfig gave them. */
  webAuthn?: WebAuthnSettings;
}

/** A pool's passkey settings as SetUserPoolMfaConfig stores them (AWS's defaults filled in). */
export interface WebAuthnSettings {
  /** Absent: the pool's domain on AWS; `localhost` here, where pools have no domains. */
  RelyingPartyId?: string;
  UserVerification: UserVerificationType;
  FactorConfiguration?: WebAuthnFactorConfigurationType;
}

/** The passkey settings of a pool that never set them. */
export const DEFAULT_WEBAUTHN_SETTINGS: WebAuthnSettings = { UserVerification: 'preferred' };

/**
 * A relying party id is a host name (RFC 1123 labels, at least one letter somewhere): no scheme,
 * port or path, as WebAuthn's `rp.id` must be. Letters are lowercase, as browsers compare them.
 */
const RELYING_PARTY_ID =
  /^(?=.*[a-z])[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

export const DEFAULT_SMS_AUTHENTICATION_MESSAGE = 'Your authentication code is {####}. ';
export const DEFAULT_EMAIL_MFA_MESSAGE = 'Your authentication code is {####}.';
export const DEFAULT_EMAIL_MFA_SUBJECT = 'Your authentication code';

const SMS_CONFIGURATION: Rule = {
  type: 'structure',
  members: {
    SnsCallerArn: { type: 'string', required: true, min: 20, max: 2048 },
    ExternalId: { type: 'string' },
    SnsRegion: { type: 'string', min: 5, max: 32 },
  },
};

/** SetUserPoolMfaConfig's factor settings, as the API model constrains them. */
export const MFA_CONFIG_SHAPE = {
  SmsMfaConfiguration: {
    type: 'structure',
    members: {
      SmsAuthenticationMessage: { type: 'string', min: 6, max: 140, pattern: /\{####\}/ },
      SmsConfiguration: SMS_CONFIGURATION,
    },
  },
  SoftwareTokenMfaConfiguration: { type: 'structure', members: { Enabled: { type: 'boolean' } } },
  EmailMfaConfiguration: {
    type: 'structure',
    members: {
      Message: { type: 'string', min: 6, max: 20000, pattern: /\{####\}/ },
      Subject: { type: 'string', min: 1, max: 140 },
    },
  },
  MfaConfiguration: { type: 'string', enum: ['OFF', 'ON', 'OPTIONAL'] },
  WebAuthnConfiguration: {
    type: 'structure',
    members: {
      RelyingPartyId: { type: 'string', min: 1, max: 127 },
      UserVerification: { type: 'string', enum: ['required', 'preferred'] },
      FactorConfiguration: { type: 'string', enum: ['SINGLE_FACTOR', 'MULTI_FACTOR_WITH_USER_VERIFICATION'] },
    },
  },
} satisfies Record<string, Rule>;

/** The factors a pool offers (none for a pool stored before MFA). */
export function mfaFactorsOf(pool: Pool): MfaFactors {
  const stored = pool.config.MfaFactors as MfaFactors | undefined;
  return stored ?? { softwareToken: false };
}

/** The pool's MFA mode: OFF, ON (every user), OPTIONAL (users with a factor). */
export const mfaModeOf = (pool: Pool): MfaMode =>
  (pool.config.MfaConfiguration as MfaMode | undefined) ?? 'OFF';

/** The factors a pool offers, by name, in the order Cognito lists them. */
export function offeredFactors(factors: MfaFactors): MfaFactor[] {
  return MFA_FACTORS.filter((factor) =>
    factor === 'SMS_MFA'
      ? factors.sms !== undefined
      : factor === 'SOFTWARE_TOKEN_MFA'
        ? factors.softwareToken
        : factors.email !== undefined,
  );
}

/**
 * The pool's MFA settings after SetUserPoolMfaConfig: a factor configuration left out turns that
 * factor off (as on AWS, where the request replaces the whole configuration), and MfaConfiguration
 * left out keeps the pool's mode. ON and OPTIONAL need a factor; email codes need a tier above LITE.
 */
export function applyMfaConfig(
  pool: Pool,
  input: Validated<SetUserPoolMfaConfigRequest>,
): { mode: MfaMode; factors: MfaFactors } {
  const webAuthn = input.WebAuthnConfiguration && webAuthnSettings(pool, input.WebAuthnConfiguration);
  const factors: MfaFactors = {
    softwareToken: input.SoftwareTokenMfaConfiguration?.Enabled ?? false,
    ...(input.SmsMfaConfiguration ? { sms: input.SmsMfaConfiguration } : {}),
    ...(input.EmailMfaConfiguration ? { email: input.EmailMfaConfiguration } : {}),
    ...(webAuthn ? { webAuthn } : {}),
  };
  if (factors.email && pool.config.UserPoolTier === 'LITE') {
    throw new CognitoError(
      'FeatureUnavailableInTierException',
      'Email MFA is not available in the Lite tier of Amazon Cognito user pools.',
    );
  }
  const mode = input.MfaConfiguration ?? mfaModeOf(pool);
  assertModeHasFactor(mode, factors);
  return { mode, factors };
}

/**
 * The passkey settings of SetUserPoolMfaConfig's `WebAuthnConfiguration`: `UserVerification`
 * defaults to `preferred`; the relying party must be a host name. Passkeys need a tier above LITE.
 */
function webAuthnSettings(pool: Pool, given: Validated<WebAuthnConfigurationType>): WebAuthnSettings {
  if (pool.config.UserPoolTier === 'LITE') {
    throw new CognitoError(
      'FeatureUnavailableInTierException',
      'WebAuthn is not available in the Lite tier of Amazon Cognito user pools.',
    );
  }
  if (given.RelyingPartyId !== undefined && !RELYING_PARTY_ID.test(given.RelyingPartyId)) {
    throw invalidParameter('RelyingPartyId must be a domain name, without a scheme, port or path.');
  }
  return {
    ...(given.RelyingPartyId !== undefined ? { RelyingPartyId: given.RelyingPartyId } : {}),
    UserVerification: given.UserVerification ?? 'preferred',
    ...(given.FactorConfiguration !== undefined ? { FactorConfiguration: given.FactorConfiguration } : {}),
  };
}

/** MFA ON or OPTIONAL without any factor would lock every user out or mean nothing: refused. */
export function assertModeHasFactor(mode: MfaMode, factors: MfaFactors): void {
  if (mode !== 'OFF' && offeredFactors(factors).length === 0) {
    throw invalidParameter(
      'Invalid MFA configuration given, can\u0027t turn on MFA without any enabled MFA factor.',
    );
  }
}

/**
 * The factors after CreateUserPool or UpdateUserPool: those of SetUserPoolMfaConfig are kept, and
 * MfaConfiguration ON or OPTIONAL with an `SmsConfiguration` turns SMS codes on (those operations
 * know only SMS MFA), with the pool's `SmsAuthenticationMessage`.
 */
export function poolSettingsFactors(
  previous: MfaFactors | undefined,
  input: {
    MfaConfiguration?: MfaMode;
    SmsConfiguration?: SmsMfaConfigType['SmsConfiguration'];
    SmsAuthenticationMessage?: string;
  },
): MfaFactors {
  const factors: MfaFactors = previous ?? { softwareToken: false };
  const mode = input.MfaConfiguration ?? 'OFF';
  if (mode !== 'OFF' && !factors.sms && input.SmsConfiguration) {
    return {
      ...factors,
      sms: {
        SmsConfiguration: input.SmsConfiguration,
        ...(input.SmsAuthenticationMessage
          ? { SmsAuthenticationMessage: input.SmsAuthenticationMessage }
          : {}),
      },
    };
  }
  if (mode !== 'OFF' && offeredFactors(factors).length === 0) {
    throw invalidParameter(
      'SMS configuration and Auto verification for phone_number are required when MFA is required/optional',
    );
  }
  return factors;
}

/** GetUserPoolMfaConfig's answer (and SetUserPoolMfaConfig's). */
export function describeMfaConfig(pool: Pool) {
  const factors = mfaFactorsOf(pool);
  return {
    MfaConfiguration: mfaModeOf(pool),
    SoftwareTokenMfaConfiguration: { Enabled: factors.softwareToken },
    ...(factors.sms ? { SmsMfaConfiguration: factors.sms } : {}),
    ...(factors.email ? { EmailMfaConfiguration: factors.email } : {}),
    ...(factors.webAuthn ? { WebAuthnConfiguration: { ...factors.webAuthn } } : {}),
  };
}

/** The pool's passkey settings (AWS's defaults when SetUserPoolMfaConfig never gave them). */
export const webAuthnSettingsOf = (pool: Pool): WebAuthnSettings =>
  mfaFactorsOf(pool).webAuthn ?? DEFAULT_WEBAUTHN_SETTINGS;
