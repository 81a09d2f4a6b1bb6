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
}

/** What a refresh gives: new access and ID tokens; the refresh token stays the same. */
export type RefreshedTokens = Omit<AuthTokens, 'refreshToken'>;

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

export interface NewPasswordAnswer {
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
