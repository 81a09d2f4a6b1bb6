import {
  AssociateSoftwareTokenCommand,
  GetUserCommand,
  SetUserMFAPreferenceCommand,
  type SetUserMFAPreferenceRequest,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Injectable } from '@nestjs/common';
import { CognitoGateway } from '../../cognito/cognito-gateway.js';
import { CognitoException } from '../../errors/cognito.exception.js';
import { factorOf } from '../auth-results.js';
import type {
  MfaFactor,
  MfaPreferences,
  MfaPreferencesInput,
  TotpSetup,
  TotpSubject,
} from '../cognito-auth.types.js';

const subjectOf = (subject: TotpSubject) =>
  'accessToken' in subject ? { AccessToken: subject.accessToken } : { Session: subject.session };

/**
 * The user's second factors: an authenticator app set up (AssociateSoftwareToken, then the first
 * code verified with VerifySoftwareToken), and which factors are enabled and preferred
 * (SetUserMFAPreference, read back from GetUser).
 */
@Injectable()
export class MfaFlow {
  constructor(private readonly cognito: CognitoGateway) {}

  /**
   * A new authenticator-app secret and its `otpauth://` URI (`label` names the account in the app,
   * the `totpIssuer` option the service). At MFA_SETUP the answer carries the session to verify with.
   */
  async setUpTotp(subject: TotpSubject, label: string): Promise<TotpSetup> {
    const output = await this.cognito.call((client) =>
      client.send(new AssociateSoftwareTokenCommand(subjectOf(subject))),
    );
    if (!output.SecretCode) throw CognitoException.of('COGNITO_ERROR', 'Cognito returned no secret.');
    return {
      secret: output.SecretCode,
      uri: otpauthUri(output.SecretCode, label, this.cognito.options.totpIssuer),
      ...(output.Session ? { session: output.Session } : {}),
    };
  }

  /**
   * Verifies a code of the app being set up; from then on the factor can be enabled. At MFA_SETUP,
   * answers the session to complete the sign-in with. `appName` is the name Cognito keeps for the app.
   */
  async verifyTotp(subject: TotpSubject, code: string, appName?: string): Promise<{ session?: string }> {
    const output = await this.cognito.call((client) =>
      client.send(
        new VerifySoftwareTokenCommand({
          ...subjectOf(subject),
          UserCode: code,
          ...(appName ? { FriendlyDeviceName: appName } : {}),
        }),
      ),
    );
    // Cognito answers a wrong code with an error; a status other than SUCCESS is the same refusal.
    if (output.Status !== 'SUCCESS') {
      throw CognitoException.of('CODE_MISMATCH', 'Code mismatch', 'EnableSoftwareTokenMFAException');
    }
    return output.Session ? { session: output.Session } : {};
  }

  /** The user's enabled and preferred factors, from GetUser. */
  async preferences(accessToken: string): Promise<MfaPreferences> {
    const output = await this.cognito.call((client) =>
      client.send(new GetUserCommand({ AccessToken: accessToken })),
    );
    return toPreferences(output.UserMFASettingList, output.PreferredMfaSetting);
  }

  /** Enables or disables factors and sets the preferred one (SetUserMFAPreference). */
  async setPreferences(accessToken: string, input: MfaPreferencesInput): Promise<void> {
    const settings = toPreferenceRequest(input);
    await this.cognito.call((client) =>
      client.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, ...settings })),
    );
  }
}

/** GetUser's (or AdminGetUser's) `UserMFASettingList` and `PreferredMfaSetting` as factors. */
export function toPreferences(enabled: string[] | undefined, preferred: string | undefined): MfaPreferences {
  return {
    enabled: (enabled ?? []).flatMap((name) => {
      const factor = factorOf(name);
      return factor ? [factor] : [];
    }),
    preferred: (preferred && factorOf(preferred)) || null,
  };
}

const FACTOR_NAMES = { TOTP: 'totp', SMS: 'sms', EMAIL: 'email' } as const satisfies Record<
  MfaFactor,
  string
>;

/**
 * SetUserMFAPreference's settings from a change of preferences; factors not named are left as they
 * are. The preferred factor is enabled with it; `preferred: null` clears the preference of every
 * factor. A change that names nothing, or prefers a factor it turns off, is refused (400).
 */
export function toPreferenceRequest(
  input: MfaPreferencesInput,
): Pick<SetUserMFAPreferenceRequest, 'SoftwareTokenMfaSettings' | 'SMSMfaSettings' | 'EmailMfaSettings'> {
  const { preferred } = input;
  if (preferred && input[FACTOR_NAMES[preferred]] === false) {
    throw CognitoException.of('VALIDATION_FAILED', [
      `preferred cannot be ${preferred}: the same change turns it off`,
    ]);
  }
  const setting = (factor: MfaFactor) => {
    const enabled = preferred === factor ? true : input[FACTOR_NAMES[factor]];
    const preferredMfa = preferred === factor ? true : preferred === null ? false : undefined;
    if (enabled === undefined && preferredMfa === undefined) return undefined;
    return {
      ...(enabled === undefined ? {} : { Enabled: enabled }),
      ...(preferredMfa === undefined ? {} : { PreferredMfa: preferredMfa }),
    };
  };
  const totp = setting('TOTP');
  const sms = setting('SMS');
  const email = setting('EMAIL');
  if (!totp && !sms && !email) {
    throw CognitoException.of('VALIDATION_FAILED', [
      'give at least one of totp, sms, email (true or false) or preferred',
    ]);
  }
  return {
    ...(totp ? { SoftwareTokenMfaSettings: totp } : {}),
    ...(sms ? { SMSMfaSettings: sms } : {}),
    ...(email ? { EmailMfaSettings: email } : {}),
  };
}

/**
 * The Key URI Format authenticator apps read (`otpauth://totp/<issuer>:<label>?secret=...&issuer=...`),
 * every part percent-encoded (spaces as %20, which every app reads; `+` is shown as is by some).
 */
export function otpauthUri(secret: string, label: string, issuer: string): string {
  const query = Object.entries({ secret, issuer, algorithm: 'SHA1', digits: '6', period: '30' })
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
  return `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(label)}?${query}`;
}
