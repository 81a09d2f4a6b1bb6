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

export interface UserProfile {
  sub: string;
  username: string;
  email: string | null;
  emailVerified: boolean;
  groups: string[];
  /** Every attribute of the user by name, standard and custom. */
  attributes: Record<string, string>;
}
