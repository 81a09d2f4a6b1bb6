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
import type { MfaFactor, MfaPreferences, MfaPreferencesInput, TotpSetup } from '../cognito-auth.types.js';

/** Who sets up a factor: a signed-in user (access token), or a sign-in at MFA_SETUP (its session). */
export type MfaSubject = { accessToken: string } | { session: string };

const subjectOf = (subject: MfaSubject) =>
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
   * `issuer` the service). At MFA_SETUP the answer carries the session to verify with.
   */
  async setUpTotp(subject: MfaSubject, label: string, issuer: string): Promise<TotpSetup> {
    const output = await this.cognito.call((client) =>
      client.send(new AssociateSoftwareTokenCommand(subjectOf(subject))),
    );
    if (!output.SecretCode) throw CognitoException.of('COGNITO_ERROR', 'Cognito returned no secret.');
    return {
      secret: output.SecretCode,
      uri: otpauthUri(output.SecretCode, label, issuer),
      ...(output.Session ? { session: output.Session } : {}),
    };
  }

  /**
   * Verifies the first code of the app being set up; from then on the factor can be enabled. At
   * MFA_SETUP, answers the session to complete the sign-in with (`MFA_SETUP` challenge answer).
   */
  async verifyTotp(subject: MfaSubject, code: string, deviceName?: string): Promise<{ session?: string }> {
    const output = await this.cognito.call((client) =>
      client.send(
        new VerifySoftwareTokenCommand({
          ...subjectOf(subject),
          UserCode: code,
          ...(deviceName ? { FriendlyDeviceName: deviceName } : {}),
        }),
      ),
    );
    if (output.Status !== 'SUCCESS') {
      throw CognitoException.of(
        'CODE_MISMATCH',
        'Invalid code received for user',
        'EnableSoftwareTokenMFAException',
      );
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
    await this.cognito.call((client) =>
      client.send(
        new SetUserMFAPreferenceCommand({ AccessToken: accessToken, ...toPreferenceRequest(input) }),
      ),
    );
  }
}

/** GetUser's `UserMFASettingList` and `PreferredMfaSetting` as factors. */
export function toPreferences(enabled: string[] | undefined, preferred: string | undefined): MfaPreferences {
  return {
    enabled: (enabled ?? []).flatMap((name) => {
      const factor = factorOf(name);
      return factor ? [factor] : [];
    }),
    preferred: (preferred && factorOf(preferred)) || null,
  };
}

/** SetUserMFAPreference's settings from a change of preferences (factors not named are left as they are). */
export function toPreferenceRequest(
  input: MfaPreferencesInput,
): Pick<SetUserMFAPreferenceRequest, 'SoftwareTokenMfaSettings' | 'SMSMfaSettings' | 'EmailMfaSettings'> {
  // A factor named as preferred gets PreferredMfa true; with `preferred: null` every factor gets
  // false (no preference); another factor preferred leaves this one's flag to Cognito.
  const setting = (enabled: boolean | undefined, factor: MfaFactor) => {
    const preferred = input.preferred === factor ? true : input.preferred === null ? false : undefined;
    if (enabled === undefined && preferred === undefined) return undefined;
    return {
      ...(enabled === undefined ? {} : { Enabled: enabled }),
      ...(preferred === undefined ? {} : { PreferredMfa: preferred }),
    };
  };
  const totp = setting(input.totp, 'TOTP');
  const sms = setting(input.sms, 'SMS');
  const email = setting(input.email, 'EMAIL');
  return {
    ...(totp ? { SoftwareTokenMfaSettings: totp } : {}),
    ...(sms ? { SMSMfaSettings: sms } : {}),
    ...(email ? { EmailMfaSettings: email } : {}),
  };
}

/** The Key URI Format authenticator apps read: `otpauth://totp/Issuer:label?secret=...&issuer=Issuer`. */
export function otpauthUri(secret: string, label: string, issuer: string): string {
  const name = `${encodeURIComponent(issuer)}:${encodeURIComponent(label)}`;
  const query = new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: '6', period: '30' });
  return `otpauth://totp/${name}?${query.toString()}`;
}
