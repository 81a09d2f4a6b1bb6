/** Inputs and results of `CognitoAuthService`: plain types, no SDK shapes. */

export interface SignUpInput {
  email: string;
  password: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  /** Further attributes by name; custom ones as `custom:<name>`. */
  attributes?: Record<string, string>;
}

export interface CodeDelivery {
  destination: string;
  medium: 'EMAIL' | 'SMS';
  attribute: string;
}

export interface SignUpResult {
  userSub: string;
  userConfirmed: boolean;
  /** Where the confirmation code went; null when the pool sends none. */
  codeDelivery: CodeDelivery | null;
}

export interface AuthTokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  tokenType: 'Bearer';
  /**
   * The device this sign-in was made from, when the pool tracks devices and Cognito offered a new
   * one: confirmed, with the secret the device must keep to sign in as it again (`device` of
   * `SignInOptions`). Absent otherwise.
   */
  newDevice?: NewDevice;
}

/** What a device keeps to sign in as itself: its keys and its own password (a secret). */
export interface DeviceCredentials {
  deviceKey: string;
  deviceGroupKey: string;
  devicePassword: string;
}

/** A device confirmed at sign-in; `remembered` is false where the pool remembers only on the user's word. */
export interface NewDevice extends DeviceCredentials {
  remembered: boolean;
}

/** How a sign-in is made, beyond email and password (only where the pool tracks devices). */
export interface SignInOptions {
  /**
   * A device confirmed earlier (`newDevice` of an earlier sign-in): signs in as it (DEVICE_SRP_AUTH).
   * A device Cognito no longer knows (forgotten) is dropped, and the sign-in goes on as a new device.
   */
  device?: DeviceCredentials;
  /**
   * Confirm the new device Cognito offers and return its credentials as `newDevice` (what Amplify
   * does in a browser). Default false: a caller that would not keep them gets no device.
   */
  rememberDevice?: boolean;
  /** The name of the new device (e.g. the browser's user agent), shown in device lists. */
  deviceName?: string;
}

/** One of a user's devices, as `ListDevices` describes it. */
export interface DeviceInfo {
  deviceKey: string;
  name: string | null;
  remembered: boolean;
  lastIp: string | null;
  /** ISO 8601 dates. */
  createdAt: string | null;
  lastModifiedAt: string | null;
  lastAuthenticatedAt: string | null;
}

/** What a refresh gives: new access and ID tokens; the refresh token stays the same unless the client rotates them. */
export type RefreshedTokens = Omit<AuthTokens, 'refreshToken' | 'newDevice'> & {
  /** A new refresh token, where the client rotates them (`refreshTokenRotation`): use it from now on. */
  refreshToken?: string;
};

/** The second factors Cognito offers: an authenticator app (TOTP), a code by SMS, a code by email. */
export type MfaFactor = 'TOTP' | 'SMS' | 'EMAIL';

export const MFA_FACTORS: readonly MfaFactor[] = ['TOTP', 'SMS', 'EMAIL'];

/** The challenges nest-cognito answers. */
export type AuthChallengeName =
  'NEW_PASSWORD_REQUIRED' | 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP' | 'SELECT_MFA_TYPE' | 'MFA_SETUP';

export const AUTH_CHALLENGE_NAMES: readonly AuthChallengeName[] = [
  'NEW_PASSWORD_REQUIRED',
  'SOFTWARE_TOKEN_MFA',
  'SMS_MFA',
  'EMAIL_OTP',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
];

/**
 * A sign-in that needs one more step, answered with `respondToChallenge`:
 * - `NEW_PASSWORD_REQUIRED`: a user created by an administrator must choose a password;
 * - `SOFTWARE_TOKEN_MFA`, `SMS_MFA`, `EMAIL_OTP`: the code of the second factor;
 * - `SELECT_MFA_TYPE`: the user has several factors and no preference: which one (`factors`);
 * - `MFA_SETUP`: the pool requires MFA and the user has none: `setUpTotp({ session }, label)` gives
 *   the secret (and a new session), the answer is the first code of the app with that session.
 */
export interface AuthChallenge {
  challenge: AuthChallengeName;
  /** Opaque, short-lived (3 minutes by default), to send back with the answer. */
  session: string;
  /** NEW_PASSWORD_REQUIRED: attributes the user must also give, by name (e.g. `name`); else empty. */
  requiredAttributes: string[];
  /** SMS_MFA, EMAIL_OTP: where the code went, masked as Cognito shows it (`+*******0100`, `j***@e***`). */
  destination?: string;
  /** SELECT_MFA_TYPE: the factors to choose from; MFA_SETUP: the factors that can be set up. */
  factors?: MfaFactor[];
}

/** The answer to a challenge: its name, the email and session of the sign-in, and what it asks for. */
export type ChallengeAnswer = SignInOptions & { email: string; session: string } & (
    | { challenge: 'NEW_PASSWORD_REQUIRED'; newPassword: string; attributes?: Record<string, string> }
    | { challenge: 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP'; code: string }
    | { challenge: 'SELECT_MFA_TYPE'; factor: MfaFactor }
    | { challenge: 'MFA_SETUP'; code: string }
  );

/**
 * Whose authenticator app is set up: a signed-in user (its access token), or a sign-in at
 * MFA_SETUP (the challenge's session, then the session `setUpTotp` answers).
 */
export type TotpSubject = { accessToken: string } | { session: string };

/** What setting up an authenticator app gives: the secret and the `otpauth://` URI to scan. */
export interface TotpSetup {
  /** Base32, as authenticator apps take it when typed. */
  secret: string;
  /** `otpauth://totp/<issuer>:<label>?secret=...&issuer=...`, for a QR code. */
  uri: string;
  /** During MFA_SETUP: the session to verify the first code with. */
  session?: string;
}

/** The user's second factors: those enabled, and the preferred one. */
export interface MfaPreferences {
  enabled: MfaFactor[];
  preferred: MfaFactor | null;
}

/** A change of MFA preferences: each factor enabled or not, and which one is preferred. */
export interface MfaPreferencesInput {
  totp?: boolean;
  sms?: boolean;
  email?: boolean;
  /** One of the enabled factors, or null for no preference. */
  preferred?: MfaFactor | null;
}

export type SignInResult = AuthTokens | AuthChallenge;

export const isChallenge = (result: SignInResult): result is AuthChallenge => 'challenge' in result;

export interface NewPasswordAnswer extends SignInOptions {
  email: string;
  session: string;
  newPassword: string;
  /** Required attributes the challenge asked for, by name. */
  attributes?: Record<string, string>;
}

export interface UserProfile {
  sub: string;
  username: string;
  email: string | null;
  emailVerified: boolean;
  groups: string[];
  /** Every attribute of the user by name, standard and custom. */
  attributes: Record<string, string>;
}
