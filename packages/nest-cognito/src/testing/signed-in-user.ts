import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';

/** A user of an emulated pool, signed up, confirmed, in its groups and signed in: its real tokens. */
export interface SignedInUser {
  email: string;
  password: string;
  sub: string;
  /** The user's Cognito user name (the `sub`: email is the sign-in name). */
  username: string;
  groups: string[];
  accessToken: string;
  idToken: string;
  refreshToken: string;
  /** `Bearer <accessToken>`, for an `Authorization` header. */
  authorization: string;
}

/** Where a user is made: a pool, an app client without a secret, and a way to read the codes sent. */
export interface UserPoolTarget {
  sdk: CognitoIdentityProvider;
  userPoolId: string;
  clientId: string;
  /** The last code sent to an address. */
  codeFor(email: string): string | null | undefined;
}

export interface NewUser {
  email: string;
  password: string;
  groups?: string[];
  /** Attributes by name (custom ones as `custom:<name>`, declared in the pool's `Schema`). */
  attributes?: Record<string, string>;
}

/**
 * Makes a user through Cognito's own API only (no store written behind its back): `SignUp`,
 * `ConfirmSignUp` with the emailed code, `CreateGroup` where a group is missing and
 * `AdminAddUserToGroup`, then `InitiateAuth` (`USER_PASSWORD_AUTH`). The one routine behind
 * `EmulatedCognito.signInAs` and the library's own tests.
 */
export async function signUpAndSignIn(target: UserPoolTarget, user: NewUser): Promise<SignedInUser> {
  const { sdk, userPoolId, clientId } = target;
  const { email, password } = user;
  const groups = user.groups ?? [];
  const { UserSub } = await sdk.signUp({
    ClientId: clientId,
    Username: email,
    Password: password,
    UserAttributes: Object.entries(user.attributes ?? {}).map(([Name, Value]) => ({ Name, Value })),
  });
  const code = target.codeFor(email);
  if (!code) throw new Error(`No confirmation code was sent to ${email}`);
  await sdk.confirmSignUp({ ClientId: clientId, Username: email, ConfirmationCode: code });
  for (const GroupName of new Set(groups)) {
    await sdk.createGroup({ UserPoolId: userPoolId, GroupName }).catch(unlessExists);
    await sdk.adminAddUserToGroup({ UserPoolId: userPoolId, Username: UserSub!, GroupName });
  }
  const { AuthenticationResult: tokens } = await sdk.initiateAuth({
    ClientId: clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });
  return {
    email,
    password,
    sub: UserSub!,
    username: UserSub!,
    groups,
    accessToken: tokens!.AccessToken!,
    idToken: tokens!.IdToken!,
    refreshToken: tokens!.RefreshToken!,
    authorization: `Bearer ${tokens!.AccessToken!}`,
  };
}

/** `CreateGroup` of a group another user (or a parallel call) already created is fine. */
function unlessExists(error: unknown): void {
  if ((error as { name?: unknown })?.name !== 'GroupExistsException') throw error;
}
