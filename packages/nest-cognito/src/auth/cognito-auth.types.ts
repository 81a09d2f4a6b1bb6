/** Inputs and results of `CognitoAuthService`: plain types, no SDK shapes. */

/**
 * What a call hands to the pool's Lambda triggers: Cognito's `ClientMetadata`, names to strings.
 * Each method that takes it says which triggers receive it (Cognito passes it to some triggers of
 * an operation and not to others). It comes from the caller: a trigger must treat it as untrusted
 * input, never as proof of anything.
 */
export interface WithClientMetadata {
  clientMetadata?: Record<string, string>;
}

/** `clientMetadata` goes to the pre sign-up and custom message triggers (and post confirmation when pre sign-up confirms). */
export interface SignUpInput extends WithClientMetadata {
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

/**
 * How a sign-in is made, beyond email and password: the device (only where the pool tracks
 * devices), and `clientMetadata` for the pool's triggers. At the start of a sign-in Cognito hands it
 * to the pre authentication and user migration triggers (as their `validationData`); with a
 * challenge's answer, to the triggers that answer runs (define, create and verify auth challenge,
 * post authentication, pre token generation).
 */
export interface SignInOptions extends WithClientMetadata {
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

/**
 * The first factors of choice-based sign-in (Cognito's `USER_AUTH`): a password (sent, or proven
 * with SRP), a one-time code by email or SMS, a passkey.
 */
export type FirstFactor = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

export const FIRST_FACTORS: readonly FirstFactor[] = [
  'PASSWORD',
  'PASSWORD_SRP',
  'EMAIL_OTP',
  'SMS_OTP',
  'WEB_AUTHN',
];

/** The first factors that need no password: a code by email or SMS, a passkey. */
export type PasswordlessFactor = Exclude<FirstFactor, 'PASSWORD' | 'PASSWORD_SRP'>;

export const PASSWORDLESS_FACTORS: readonly PasswordlessFactor[] = ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];

/** The challenges nest-cognito answers. */
export type AuthChallengeName =
  | 'NEW_PASSWORD_REQUIRED'
  | 'SOFTWARE_TOKEN_MFA'
  | 'SMS_MFA'
  | 'EMAIL_OTP'
  | 'SELECT_MFA_TYPE'
  | 'MFA_SETUP'
  | 'SELECT_CHALLENGE'
  | 'SMS_OTP'
  | 'WEB_AUTHN'
  | 'CUSTOM_CHALLENGE';

export const AUTH_CHALLENGE_NAMES: readonly AuthChallengeName[] = [
  'NEW_PASSWORD_REQUIRED',
  'SOFTWARE_TOKEN_MFA',
  'SMS_MFA',
  'EMAIL_OTP',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
  'SELECT_CHALLENGE',
  'SMS_OTP',
  'WEB_AUTHN',
  'CUSTOM_CHALLENGE',
];

/**
 * A sign-in that needs one more step, answered with `respondToChallenge`:
 * - `NEW_PASSWORD_REQUIRED`: a user created by an administrator must choose a password;
 * - `SOFTWARE_TOKEN_MFA`, `SMS_MFA`, `EMAIL_OTP`: the code of the second factor;
 * - `SELECT_MFA_TYPE`: the user has several factors and no preference: which one (`factors`);
 * - `MFA_SETUP`: the pool requires MFA and the user has none: `setUpTotp({ session }, label)` gives
 *   the secret (and a new session), the answer is the first code of the app with that session;
 * - passwordless sign-in (`signInWithoutPassword`): `EMAIL_OTP`, `SMS_OTP` (the one-time code sent
 *   to `destination`), `WEB_AUTHN` (a passkey: `credentialRequestOptions` for the browser's
 *   `navigator.credentials.get`), `SELECT_CHALLENGE` (which first factor: `choices`);
 * - custom authentication (`signInWithCustomChallenge`): `CUSTOM_CHALLENGE`, whatever the pool's
 *   create auth challenge trigger asks, described by its public `parameters`.
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
  /** SELECT_CHALLENGE: the first factors this sign-in may go on with. */
  choices?: FirstFactor[];
  /** WEB_AUTHN: the PublicKeyCredentialRequestOptionsJSON to sign with one of the user's passkeys. */
  credentialRequestOptions?: PasskeyRequestOptions;
  /**
   * CUSTOM_CHALLENGE: the create auth challenge trigger's `publicChallengeParameters` (what to show
   * the user: a question, where a code went); Cognito's `USERNAME` is left out.
   */
  parameters?: Record<string, string>;
}

/**
 * The answer to a challenge: its name, the email and session of the sign-in, and what it asks for.
 * SELECT_CHALLENGE is answered with the factor chosen, and for `PASSWORD` / `PASSWORD_SRP` with the
 * password too (SRP is run here: the password does not leave the server).
 */
export type ChallengeAnswer = SignInOptions & { email: string; session: string } & (
    | { challenge: 'NEW_PASSWORD_REQUIRED'; newPassword: string; attributes?: Record<string, string> }
    | { challenge: 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP' | 'SMS_OTP'; code: string }
    | { challenge: 'SELECT_MFA_TYPE'; factor: MfaFactor }
    | { challenge: 'MFA_SETUP'; code: string }
    | { challenge: 'WEB_AUTHN'; credential: PasskeyCredential }
    | { challenge: 'SELECT_CHALLENGE'; choice: PasswordlessFactor }
    | { challenge: 'SELECT_CHALLENGE'; choice: 'PASSWORD' | 'PASSWORD_SRP'; password: string }
    | {
        challenge: 'CUSTOM_CHALLENGE';
        /** What the user answered, for the verify auth challenge response trigger (`challengeAnswer`). */
        answer: string;
      }
  );

/**
 * How a passwordless sign-in starts; `clientMetadata` goes to the pre authentication trigger (as
 * its `validationData`).
 */
export interface PasswordlessOptions extends WithClientMetadata {
  /**
   * The factor to start with. Cognito starts it when the pool allows it and the user can use it (a
   * verified email or phone, a passkey); otherwise, and without one, it answers SELECT_CHALLENGE.
   */
  factor?: PasswordlessFactor;
}

/**
 * How a custom authentication starts: `clientMetadata` goes to the pool's pre authentication
 * trigger (as its `validationData`); Cognito does not pass InitiateAuth's metadata to the challenge
 * triggers: send it with the answers for those.
 */
export type CustomChallengeOptions = WithClientMetadata;

/**
 * What a browser hands over from `navigator.credentials.create()` or `.get()`, serialized as
 * `PublicKeyCredential.toJSON()` does (RegistrationResponseJSON, AuthenticationResponseJSON).
 * Cognito verifies it; only its outline is typed here.
 */
export interface PasskeyCredential {
  id: string;
  type: 'public-key';
  response: Record<string, unknown>;
  [member: string]: unknown;
}

/** A credential descriptor of WebAuthn options: a passkey to allow (or exclude). */
export interface PasskeyDescriptor {
  id: string;
  type: 'public-key';
  transports?: string[];
}

/**
 * PublicKeyCredentialRequestOptionsJSON, as Cognito answers the WEB_AUTHN challenge: for
 * `PublicKeyCredential.parseRequestOptionsFromJSON` (binary members are base64url).
 */
export interface PasskeyRequestOptions {
  challenge: string;
  rpId?: string;
  timeout?: number;
  allowCredentials?: PasskeyDescriptor[];
  userVerification?: string;
  [member: string]: unknown;
}

/**
 * PublicKeyCredentialCreationOptionsJSON, as Cognito answers a passkey registration: for
 * `PublicKeyCredential.parseCreationOptionsFromJSON` (binary members are base64url).
 */
export interface PasskeyCreationOptions {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: { type: 'public-key'; alg: number }[];
  timeout?: number;
  excludeCredentials?: PasskeyDescriptor[];
  [member: string]: unknown;
}

/** One of the user's passkeys, as `ListWebAuthnCredentials` describes it. */
export interface PasskeyInfo {
  credentialId: string;
  /** The name Cognito gives the passkey (from its authenticator). */
  name: string;
  relyingPartyId: string;
  /** `platform` (built into the device) or `cross-platform` (a security key); null when unknown. */
  attachment: string | null;
  transports: string[];
  /** ISO 8601. */
  createdAt: string | null;
}

/** The factors a user can sign in with (`GetUserAuthFactors`). */
export type AuthFactor = 'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN' | 'SOFTWARE_TOKEN';

export const AUTH_FACTORS: readonly AuthFactor[] = [
  'PASSWORD',
  'EMAIL_OTP',
  'SMS_OTP',
  'WEB_AUTHN',
  'SOFTWARE_TOKEN',
];

/** A user's ways in: the factors configured for sign-in, and the second factors. */
export interface UserAuthFactors {
  /** The user's Cognito user name (the `sub` where users sign in with their email). */
  username: string;
  /**
   * First factors the user can use where the pool allows them (`PASSWORD`, `EMAIL_OTP`, `SMS_OTP`,
   * `WEB_AUTHN`), and the second factors turned on (`EMAIL_OTP`, `SMS_OTP`, `SOFTWARE_TOKEN`).
   */
  factors: AuthFactor[];
  /** The second factors, as `getMfaPreferences` tells them. */
  mfa: MfaPreferences;
}

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
