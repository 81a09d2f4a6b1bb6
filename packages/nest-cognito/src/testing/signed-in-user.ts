import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import {
  passwordVerifierResponses,
  type PasswordVerifierParameters,
  srpA,
  srpClientKeys,
} from '../srp/index.js';
import { signInWithEmailCode } from './passwordless-sign-in.js';
import { type AuthStep, signInWithTotp, tokensOf } from './totp-sign-in.js';

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
  /**
   * With `mfa: 'totp'`: the base32 secret of the user's authenticator app, for `totp(secret)`
   * (the code of the current 30-second step may be spent already: see `totp`).
   */
  totpSecret?: string;
}

/** Where a user is made: a pool, an app client without a secret, and a way to read the codes sent. */
export interface UserPoolTarget {
  sdk: CognitoIdentityProvider;
  userPoolId: string;
  clientId: string;
  /** The last code sent to an address. */
  codeFor(email: string): string | null | undefined;
  /** How the user signs in at the end. Default `USER_PASSWORD_AUTH`. */
  authFlow?: SignInFlowName;
}

/** The flows `signInAs` can sign in with: the password sent, or proven with SRP. */
export type SignInFlowName = 'USER_PASSWORD_AUTH' | 'USER_SRP_AUTH';

export interface NewUser {
  email: string;
  password: string;
  groups?: string[];
  /** Attributes by name (custom ones as `custom:<name>`, declared in the pool's `Schema`). */
  attributes?: Record<string, string>;
  /** `totp`: an authenticator app set up, verified, preferred, and the sign-in made through its challenge. */
  mfa?: 'totp';
  /** `EMAIL_OTP`: the sign-in made without the password, with a one-time code by email (USER_AUTH). */
  passwordless?: 'EMAIL_OTP';
}

/**
 * Makes a user through Cognito's own API only (no store written behind its back): `SignUp`,
 * `ConfirmSignUp` with the emailed code (unless the pool's pre sign-up trigger confirmed the user), `CreateGroup` where a group is missing and
 * `AdminAddUserToGroup`, then `InitiateAuth` (`USER_PASSWORD_AUTH`, or `USER_SRP_AUTH` and its
 * PASSWORD_VERIFIER answer); with `mfa: 'totp'`, an authenticator app and its challenge
 * (`signInWithTotp`); with `passwordless: 'EMAIL_OTP'`, `USER_AUTH` and the emailed code. The one routine behind `EmulatedCognito.signInAs` and the library's own tests.
 */
export async function signUpAndSignIn(target: UserPoolTarget, user: NewUser): Promise<SignedInUser> {
  const { sdk, userPoolId, clientId } = target;
  const { email, password } = user;
  const groups = user.groups ?? [];
  const { UserSub, UserConfirmed } = await sdk.signUp({
    ClientId: clientId,
    Username: email,
    Password: password,
    UserAttributes: Object.entries(user.attributes ?? {}).map(([Name, Value]) => ({ Name, Value })),
  });
  // A pre sign-up trigger of the pool may confirm the user itself: then no code is sent.
  if (!UserConfirmed) {
    const code = target.codeFor(email);
    if (!code) throw new Error(`No confirmation code was sent to ${email}`);
    await sdk.confirmSignUp({ ClientId: clientId, Username: email, ConfirmationCode: code });
  }
  for (const GroupName of new Set(groups)) {
    await sdk.createGroup({ UserPoolId: userPoolId, GroupName }).catch(unlessExists);
    await sdk.adminAddUserToGroup({ UserPoolId: userPoolId, Username: UserSub!, GroupName });
  }
  if (user.mfa && user.passwordless) {
    throw new Error('mfa and passwordless do not go together: a one-time code is the whole sign-in');
  }
  const signIn = () =>
    user.passwordless ? signInWithEmailCode(target, email) : firstFactor(target, email, password);
  const { tokens, totpSecret } =
    user.mfa === 'totp'
      ? await signInWithTotp(target, email, signIn)
      : { tokens: tokensOf(await signIn(), email), totpSecret: undefined };
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
    ...(totpSecret ? { totpSecret } : {}),
  };
}

/** The password step: `USER_PASSWORD_AUTH`, or `USER_SRP_AUTH` and its PASSWORD_VERIFIER answer. */
async function firstFactor(target: UserPoolTarget, email: string, password: string): Promise<AuthStep> {
  if (target.authFlow === 'USER_SRP_AUTH') return srpSignIn(target, email, password);
  return target.sdk.initiateAuth({
    ClientId: target.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });
}

/** USER_SRP_AUTH and the answer to its PASSWORD_VERIFIER challenge, as a client library signs in. */
async function srpSignIn(target: UserPoolTarget, email: string, password: string): Promise<AuthStep> {
  const { sdk, clientId, userPoolId } = target;
  const keys = srpClientKeys();
  const challenge = await sdk.initiateAuth({
    ClientId: clientId,
    AuthFlow: 'USER_SRP_AUTH',
    AuthParameters: { USERNAME: email, SRP_A: srpA(keys) },
  });
  return sdk.respondToAuthChallenge({
    ClientId: clientId,
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeResponses: {
      ...passwordVerifierResponses({
        userPoolId,
        password,
        keys,
        parameters: challenge.ChallengeParameters as unknown as PasswordVerifierParameters,
      }),
    },
  });
}

/** `CreateGroup` of a group another user (or a parallel call) already created is fine. */
function unlessExists(error: unknown): void {
  if ((error as { name?: unknown })?.name !== 'GroupExistsException') throw error;
}
