import { Injectable } from '@nestjs/common';
import type {
  AuthTokens,
  CodeDelivery,
  NewPasswordAnswer,
  RefreshedTokens,
  ChallengeAnswer,
  CustomChallengeOptions,
  DeviceInfo,
  MfaPreferences,
  MfaPreferencesInput,
  PasskeyCreationOptions,
  PasskeyCredential,
  PasskeyInfo,
  PasswordlessOptions,
  SignInOptions,
  SignInResult,
  SignUpInput,
  SignUpResult,
  TotpSetup,
  TotpSubject,
  UserAuthFactors,
  UserProfile,
  WithClientMetadata,
} from './cognito-auth.types.js';
import type { Page } from '../cognito/page.js';
import { AccountFlow } from './flows/account.flow.js';
import { CustomAuthFlow } from './flows/custom-auth.flow.js';
import { DeviceFlow } from './flows/device.flow.js';
import { MfaFlow } from './flows/mfa.flow.js';
import { PasskeyFlow } from './flows/passkey.flow.js';
import { PasswordlessFlow } from './flows/passwordless.flow.js';
import { PasswordFlow } from './flows/password.flow.js';
import { SignInFlow } from './flows/sign-in.flow.js';
import { SignOutFlow } from './flows/sign-out.flow.js';
import { SignUpFlow } from './flows/sign-up.flow.js';

/**
 * Every user flow of a Cognito user pool whose users sign in with their email. Each method either
 * returns its typed result or throws a `CognitoException` (HTTP status, stable `code`); none
 * returns null for a failure. The facade that applications inject: each concern is a flow of its
 * own (`SignUpFlow`, `SignInFlow`, `PasswordFlow`, `AccountFlow`, `SignOutFlow`, `DeviceFlow`,
 * `MfaFlow`, `PasswordlessFlow`, `PasskeyFlow`, `CustomAuthFlow`), which this delegates to.
 *
 * Every method whose Cognito operation takes `ClientMetadata` takes `clientMetadata` (in its input
 * or a last `options` argument), for the pool's Lambda triggers; each says which triggers get it.
 */
@Injectable()
export class CognitoAuthService {
  constructor(
    private readonly signUpFlow: SignUpFlow,
    private readonly signInFlow: SignInFlow,
    private readonly passwordFlow: PasswordFlow,
    private readonly accountFlow: AccountFlow,
    private readonly signOutFlow: SignOutFlow,
    private readonly deviceFlow: DeviceFlow,
    private readonly mfaFlow: MfaFlow,
    private readonly passwordlessFlow: PasswordlessFlow,
    private readonly passkeyFlow: PasskeyFlow,
    private readonly customAuthFlow: CustomAuthFlow,
  ) {}

  /**
   * Registers a user; `clientMetadata` goes to the pre sign-up and custom message triggers (and to
   * post confirmation when pre sign-up confirms the user).
   */
  signUp(input: SignUpInput): Promise<SignUpResult> {
    return this.signUpFlow.signUp(input);
  }

  /**
   * Confirms with the emailed code; an unknown email fails as a wrong code does. `clientMetadata`
   * goes to the post confirmation trigger.
   */
  confirmSignUp(email: string, code: string, options?: WithClientMetadata): Promise<void> {
    return this.signUpFlow.confirmSignUp(email, code, options);
  }

  /**
   * A new confirmation code; null (never an error) for an email Cognito does not know.
   * `clientMetadata` goes to the custom message (or custom sender) trigger.
   */
  resendConfirmationCode(email: string, options?: WithClientMetadata): Promise<CodeDelivery | null> {
    return this.signUpFlow.resendConfirmationCode(email, options);
  }

  /**
   * Tokens, or a challenge; an unknown email and a wrong password fail alike (401). With
   * `options.device`, signs in as that remembered device; a new device the pool tracks comes back
   * confirmed as `newDevice`. `options.clientMetadata` goes to the pre authentication and user
   * migration triggers (as `validationData`), and with SRP's or a device's answers to post
   * authentication and pre token generation.
   */
  signIn(email: string, password: string, options?: SignInOptions): Promise<SignInResult> {
    return this.signInFlow.signIn(email, password, options);
  }

  /**
   * Starts a sign-in without a password (Cognito's choice-based `USER_AUTH`): with `factor`, its
   * challenge (EMAIL_OTP or SMS_OTP: a code sent to the masked `destination`; WEB_AUTHN: the
   * `credentialRequestOptions` for the browser), else SELECT_CHALLENGE with the `choices` (also
   * when the pool does not allow the factor or the user cannot use it: no verified email or phone,
   * no passkey). Answer with `respondToChallenge`. A client without `ALLOW_USER_AUTH` is 502
   * `CLIENT_MISCONFIGURED`. `options.clientMetadata` goes to the pre authentication trigger (as
   * `validationData`).
   */
  signInWithoutPassword(email: string, options?: PasswordlessOptions): Promise<SignInResult> {
    return this.passwordlessFlow.start(email, options);
  }

  /**
   * Starts a custom authentication (Cognito's `CUSTOM_AUTH`), led by the pool's define, create and
   * verify auth challenge triggers: a CUSTOM_CHALLENGE with the create trigger's public
   * `parameters` (answer it with `respondToChallenge({ challenge: 'CUSTOM_CHALLENGE', answer })`),
   * or tokens if the define trigger issues them at once. `clientMetadata` goes to the pre
   * authentication trigger. The define trigger failing the sign-in is 401 `NOT_AUTHORIZED`, as is
   * an unknown email; a pool without the triggers is 502 `POOL_MISCONFIGURED`; a trigger that
   * throws is 400 `REJECTED_BY_TRIGGER`, one that answers nonsense 502 `TRIGGER_FAILED`.
   */
  signInWithCustomChallenge(email: string, options?: CustomChallengeOptions): Promise<SignInResult> {
    return this.customAuthFlow.start(email, options);
  }

  /**
   * Answers any challenge of a sign-in (new password, an MFA code, the choice of a factor, the
   * first code of an app set up at MFA_SETUP, a one-time code or a passkey of a passwordless
   * sign-in, the first factor chosen at SELECT_CHALLENGE, a custom challenge's answer): tokens, or
   * the next challenge (a wrong custom answer gives the next round, if the define trigger allows
   * one, under a new session). A wrong
   * code is 400 `CODE_MISMATCH`; repeated wrong codes spend the session (401 `NOT_AUTHORIZED`: sign
   * in again); a passkey Cognito refuses is 401 `NOT_AUTHORIZED`. `answer.clientMetadata` goes to
   * the triggers the answer runs: define, create and verify auth challenge, post authentication,
   * pre token generation.
   */
  respondToChallenge(answer: ChallengeAnswer): Promise<SignInResult> {
    return this.signInFlow.respondToChallenge(answer);
  }

  /**
   * Answers `NEW_PASSWORD_REQUIRED` with the user's own password (and any required attributes);
   * `clientMetadata` as for `respondToChallenge`.
   */
  respondToNewPasswordChallenge(answer: NewPasswordAnswer): Promise<AuthTokens> {
    return this.signInFlow.respondToNewPasswordChallenge(answer);
  }

  /**
   * New access and ID tokens; `username` is required when the app client has a secret, `deviceKey`
   * where the token was issued to a tracked device.
   */
  refresh(refreshToken: string, username?: string, deviceKey?: string): Promise<RefreshedTokens> {
    return this.signInFlow.refresh(refreshToken, username, deviceKey);
  }

  /**
   * Sends a reset code; resolves alike for every email (unknown, unverified, disabled).
   * `clientMetadata` goes to the custom message (or custom sender) and user migration triggers.
   */
  forgotPassword(email: string, options?: WithClientMetadata): Promise<void> {
    return this.passwordFlow.forgotPassword(email, options);
  }

  /** Sets the new password with the emailed code; `clientMetadata` goes to the post confirmation trigger. */
  confirmForgotPassword(
    email: string,
    code: string,
    newPassword: string,
    options?: WithClientMetadata,
  ): Promise<void> {
    return this.passwordFlow.confirmForgotPassword(email, code, newPassword, options);
  }

  changePassword(accessToken: string, previousPassword: string, proposedPassword: string): Promise<void> {
    return this.passwordFlow.changePassword(accessToken, previousPassword, proposedPassword);
  }

  /** The signed-in user's profile, from Cognito (not from the token, which may be stale). */
  getProfile(accessToken: string, groups?: string[]): Promise<UserProfile> {
    return this.accountFlow.getProfile(accessToken, groups);
  }

  /**
   * Changes the user's attributes; returns where verification codes went. `clientMetadata` goes to
   * the custom message (or custom sender) trigger of those codes.
   */
  updateProfile(
    accessToken: string,
    attributes: Record<string, string>,
    options?: WithClientMetadata,
  ): Promise<CodeDelivery[]> {
    return this.accountFlow.updateProfile(accessToken, attributes, options);
  }

  /** Verifies an attribute (`email`, `phone_number`) with the code Cognito sent for it. */
  verifyAttribute(accessToken: string, attribute: string, code: string): Promise<void> {
    return this.accountFlow.verifyAttribute(accessToken, attribute, code);
  }

  /** Deletes the signed-in user's account; its tokens stop working at once. */
  deleteAccount(accessToken: string): Promise<void> {
    return this.accountFlow.deleteAccount(accessToken);
  }

  /** Signs the user out everywhere; the guard refuses this token and every older one at once. */
  signOut(accessToken: string): Promise<void> {
    return this.signOutFlow.signOut(accessToken);
  }

  /** Revokes one refresh token; with the access token of the same sign-in, the guard refuses it too. */
  revokeRefreshToken(refreshToken: string, accessToken?: string): Promise<void> {
    return this.signOutFlow.revokeRefreshToken(refreshToken, accessToken);
  }

  /** The signed-in user's devices (where the pool tracks them), one page at a time. */
  listDevices(
    accessToken: string,
    page?: { limit?: number; nextToken?: string },
  ): Promise<Page<DeviceInfo, 'devices', 'nextToken'>> {
    return this.deviceFlow.list(accessToken, page);
  }

  /** Remembers one of the user's devices (`remembered` true), or stops remembering it. */
  setDeviceRemembered(accessToken: string, deviceKey: string, remembered: boolean): Promise<void> {
    return this.deviceFlow.setRemembered(accessToken, deviceKey, remembered);
  }

  /** Forgets one of the user's devices. */
  forgetDevice(accessToken: string, deviceKey: string): Promise<void> {
    return this.deviceFlow.forget(accessToken, deviceKey);
  }

  /**
   * A new authenticator-app secret, and its `otpauth://` URI for a QR code (`label` names the
   * account in the app, e.g. the email; the issuer is the `totpIssuer` option), for a signed-in
   * user (`{ accessToken }`) or a sign-in at MFA_SETUP (`{ session }`: the answer then carries the
   * session to answer the challenge with). The app is not used until a code of it is verified.
   */
  setUpTotp(subject: TotpSubject, label: string): Promise<TotpSetup> {
    return this.mfaFlow.setUpTotp(subject, label);
  }

  /**
   * Verifies a code of the app being set up (wrong: 400 `CODE_MISMATCH`); the signed-in user may
   * then enable it (`setMfaPreferences`). `appName` is what Cognito calls the app. For a sign-in at
   * MFA_SETUP, `respondToChallenge({ challenge: 'MFA_SETUP', code })` does this itself.
   */
  async verifyTotp(accessToken: string, code: string, appName?: string): Promise<void> {
    await this.mfaFlow.verifyTotp({ accessToken }, code, appName);
  }

  /** The signed-in user's second factors: those enabled, and the preferred one (or null). */
  getMfaPreferences(accessToken: string): Promise<MfaPreferences> {
    return this.mfaFlow.preferences(accessToken);
  }

  /**
   * Turns second factors on or off and sets the preferred one (factors not named stay as they
   * are). A factor the user cannot use (an app not verified, no phone or email) is 400
   * `INVALID_PARAMETER`.
   */
  setMfaPreferences(accessToken: string, input: MfaPreferencesInput): Promise<void> {
    return this.mfaFlow.setPreferences(accessToken, input);
  }

  /**
   * The signed-in user's factors: the first factors it can sign in with where the pool allows
   * them, and its second factors.
   */
  authFactors(accessToken: string): Promise<UserAuthFactors> {
    return this.passwordlessFlow.factors(accessToken);
  }

  /**
   * The options of a new passkey for the signed-in user, for the browser's
   * `navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })`.
   * A pool that does not allow passkeys is 400 `WEB_AUTHN_NOT_ENABLED`.
   */
  startPasskeyRegistration(accessToken: string): Promise<PasskeyCreationOptions> {
    return this.passkeyFlow.startRegistration(accessToken);
  }

  /**
   * Registers the passkey the browser made (`credential.toJSON()`) from the options of
   * `startPasskeyRegistration`; each refusal has its code (`WEB_AUTHN_*`).
   */
  completePasskeyRegistration(accessToken: string, credential: PasskeyCredential): Promise<void> {
    return this.passkeyFlow.completeRegistration(accessToken, credential);
  }

  /** The signed-in user's passkeys, one page at a time (at most 20 a page). */
  listPasskeys(
    accessToken: string,
    page?: { limit?: number; nextToken?: string },
  ): Promise<Page<PasskeyInfo, 'passkeys', 'nextToken'>> {
    return this.passkeyFlow.list(accessToken, page);
  }

  /** Removes one of the signed-in user's passkeys (404 `RESOURCE_NOT_FOUND` for any other id). */
  deletePasskey(accessToken: string, credentialId: string): Promise<void> {
    return this.passkeyFlow.delete(accessToken, credentialId);
  }
}
