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

/**
 * A sign-in that needs one more step. `NEW_PASSWORD_REQUIRED`: a user created by an administrator
 * signed in with its temporary password and must choose one (`respondToNewPasswordChallenge`).
 */
export interface AuthChallenge {
  challenge: 'NEW_PASSWORD_REQUIRED';
  /** Opaque, short-lived (3 minutes by default), to send back with the answer. */
  session: string;
  /** Attributes the user must also give, by name (e.g. `name`). */
  requiredAttributes: string[];
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
