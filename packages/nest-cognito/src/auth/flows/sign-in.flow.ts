import { Injectable, Logger } from '@nestjs/common';
import { CognitoGateway } from '../../cognito/cognito-gateway.js';
import { CognitoException } from '../../errors/cognito.exception.js';
import type { AuthStep } from '../../cognito/cognito-gateway.js';
import type { Rescue } from '../../cognito/cognito-call.js';
import { CHALLENGE_OF_FACTOR, toSignInResult, toTokens } from '../auth-results.js';
import type {
  AuthTokens,
  ChallengeAnswer,
  NewPasswordAnswer,
  RefreshedTokens,
  SignInOptions,
  SignInResult,
} from '../cognito-auth.types.js';
import { unknownUserAsWrongPassword, wrongUsernameAsBadRefresh } from '../user-hiding.js';
import { missingTriggerAsPoolMisconfigured } from './custom-auth.flow.js';
import { DeviceFlow } from './device.flow.js';
import { MfaFlow } from './mfa.flow.js';
import { SrpFlow } from './srp.flow.js';

/**
 * Sign-in with email and password, the challenges that may follow (those of a passwordless start
 * too), and refresh. Each further way in (SRP, MFA, passwordless, custom auth) gets a flow of its
 * own beside this one.
 */
@Injectable()
export class SignInFlow {
  constructor(
    private readonly cognito: CognitoGateway,
    private readonly srp: SrpFlow,
    private readonly devices: DeviceFlow,
    private readonly mfa: MfaFlow,
  ) {}

  private readonly logger = new Logger('CognitoSignIn');

  /**
   * Signs in with email and password, by the configured `authFlow` (the password sent to Cognito,
   * or proven with SRP): tokens, or a challenge to answer. An unknown email and a wrong password
   * fail alike (401 `NOT_AUTHORIZED`). With a confirmed `device`, Cognito's DEVICE_SRP_AUTH is
   * answered with its password; with `rememberDevice`, a new device Cognito offers is confirmed and
   * returned as `newDevice`.
   */
  async signIn(email: string, password: string, options: SignInOptions = {}): Promise<SignInResult> {
    const { device, clientMetadata } = options;
    try {
      const { step, userId } = await this.firstFactor(email, password, device?.deviceKey, clientMetadata);
      const last = device ? await this.devices.answer(step, userId, device, clientMetadata) : step;
      return await this.withNewDevice(toSignInResult(last), last, options);
    } catch (error) {
      // A device Cognito no longer knows (the user or an administrator forgot it): sign in as a
      // new device, as Amplify does, rather than locking the user out.
      if (!device || !isUnknownDevice(error)) throw error;
      return this.signIn(email, password, { ...options, device: undefined });
    }
  }

  /** The password step: USER_SRP_AUTH, or the password flow (public or admin API). */
  private async firstFactor(
    email: string,
    password: string,
    deviceKey: string | undefined,
    clientMetadata: Record<string, string> | undefined,
  ): Promise<{ step: AuthStep; userId: string }> {
    if (this.cognito.options.authFlow === 'USER_SRP_AUTH')
      return this.srp.signIn(email, password, deviceKey, clientMetadata);
    const step = await this.cognito.initiateAuth(
      'password',
      {
        USERNAME: email,
        PASSWORD: password,
        ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
        ...this.cognito.secretHashParameter(email),
      },
      unknownUserAsWrongPassword,
      clientMetadata,
    );
    return { step, userId: email };
  }

  /**
   * Answers `NEW_PASSWORD_REQUIRED` with the user's own password (and any required attributes);
   * tokens, or `UNSUPPORTED_CHALLENGE` when another challenge follows (MFA): `respondToChallenge`
   * answers every challenge and returns the next one.
   */
  async respondToNewPasswordChallenge(answer: NewPasswordAnswer): Promise<AuthTokens> {
    const result = await this.respondToChallenge({ ...answer, challenge: 'NEW_PASSWORD_REQUIRED' });
    if ('challenge' in result) {
      throw CognitoException.of(
        'UNSUPPORTED_CHALLENGE',
        `Cognito asked for another challenge (${result.challenge}): answer it with respondToChallenge.`,
      );
    }
    return result;
  }

  /**
   * Answers any challenge of a sign-in: tokens, or the next challenge (a new password may be
   * followed by MFA, a choice of factor by its code). MFA_SETUP's answer is the first code of the
   * app set up with the challenge's session (`setUpTotp({ session })`): it is verified
   * (VerifySoftwareToken), and the session that answers completes the sign-in. With the `device`
   * the sign-in was made with, its proof follows (DEVICE_SRP_AUTH), as Amplify does; a device
   * Cognito no longer knows is dropped, as at sign-in (which did the same without telling).
   */
  async respondToChallenge(answer: ChallengeAnswer): Promise<SignInResult> {
    let session = answer.session;
    if (answer.challenge === 'MFA_SETUP') {
      session = (await this.mfa.verifyTotp({ session }, answer.code)).session ?? session;
    }
    try {
      return await this.answer(answer, session);
    } catch (error) {
      if (!answer.device || !isUnknownDevice(error)) throw error;
      return this.answer({ ...answer, device: undefined }, session);
    }
  }

  private async answer(answer: ChallengeAnswer, session: string): Promise<SignInResult> {
    const { step, userId } = await this.respond(answer, session);
    const last = answer.device
      ? await this.devices.answer(step, userId, answer.device, answer.clientMetadata)
      : step;
    return this.withNewDevice(toSignInResult(last), last, answer);
  }

  /**
   * The challenge's answer sent to Cognito. PASSWORD_SRP chosen at SELECT_CHALLENGE is a proof of
   * the password, made here with SRP; a password chosen there fails alike for every email.
   */
  private async respond(
    answer: ChallengeAnswer,
    session: string,
  ): Promise<{ step: AuthStep; userId: string }> {
    const deviceKey = answer.device?.deviceKey;
    if (answer.challenge === 'SELECT_CHALLENGE' && answer.choice === 'PASSWORD_SRP') {
      return this.srp.answerChoice(answer.email, session, answer.password, deviceKey, answer.clientMetadata);
    }
    const responses: Record<string, string> = {
      USERNAME: answer.email,
      ...challengeResponses(answer),
      ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
      ...this.cognito.secretHashParameter(answer.email),
    };
    const step = await this.cognito.respondToChallenge(
      answer.challenge,
      session,
      responses,
      rescueOf(answer.challenge),
      answer.clientMetadata,
    );
    return { step, userId: answer.email };
  }

  /**
   * Tokens with the device Cognito offered, confirmed, when the caller asked to remember it. The
   * sign-in has succeeded by then: a failed confirmation is logged (its error code only) and the
   * tokens are answered without `newDevice`, as Amplify does.
   */
  private async withNewDevice<R extends SignInResult>(
    result: R,
    step: AuthStep,
    options: SignInOptions,
  ): Promise<R> {
    const metadata = step.AuthenticationResult?.NewDeviceMetadata;
    if (!metadata || !options.rememberDevice || 'challenge' in result) return result;
    try {
      const newDevice = await this.devices.confirm(result.accessToken, metadata, options.deviceName);
      return { ...result, newDevice };
    } catch (error) {
      const code = error instanceof CognitoException ? error.code : 'UNKNOWN';
      this.logger.warn(`ConfirmDevice failed (${code}): signed in without remembering the device`);
      return result;
    }
  }

  /**
   * New access and ID tokens from a refresh token. With a client secret, `username` is required:
   * the SECRET_HASH of a refresh is computed over the user's Cognito user name (the `username`
   * claim of its access token; the `sub` in pools that sign in with email).
   */
  async refresh(refreshToken: string, username?: string, deviceKey?: string): Promise<RefreshedTokens> {
    if (this.cognito.options.refreshTokenRotation) {
      // GetTokensFromRefreshToken takes the client secret itself: no username needed.
      const step = await this.cognito.tokensFromRefreshToken(refreshToken, deviceKey);
      const {
        newDevice: _none,
        refreshToken: rotated,
        ...tokens
      } = toTokens(step.AuthenticationResult, false);
      return rotated ? { ...tokens, refreshToken: rotated } : tokens;
    }
    if (this.cognito.options.clientSecret && !username) {
      throw CognitoException.of('VALIDATION_FAILED', [
        'username is required: the app client has a secret (send the access token’s username claim)',
      ]);
    }
    const parameters: Record<string, string> = {
      REFRESH_TOKEN: refreshToken,
      ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
      ...(username ? this.cognito.secretHashParameter(username) : {}),
    };
    const step = await this.cognito.initiateAuth('refresh', parameters, wrongUsernameAsBadRefresh);
    const {
      refreshToken: _unchanged,
      newDevice: _none,
      ...tokens
    } = toTokens(step.AuthenticationResult, false);
    return tokens;
  }
}

/** Cognito's answer to a DEVICE_KEY it does not know: "Device does not exist." */
function isUnknownDevice(error: unknown): boolean {
  return (
    error instanceof CognitoException &&
    error.cognitoName === 'ResourceNotFoundException' &&
    /device/i.test(String((error.getResponse() as { message?: unknown }).message))
  );
}

/**
 * How an answer's failures are told: a password chosen at SELECT_CHALLENGE fails alike for every
 * email; a custom challenge's round may need a trigger the pool lacks (the server's fault).
 */
function rescueOf(challenge: ChallengeAnswer['challenge']): Rescue<never> | undefined {
  if (challenge === 'SELECT_CHALLENGE') return unknownUserAsWrongPassword;
  if (challenge === 'CUSTOM_CHALLENGE') return missingTriggerAsPoolMisconfigured;
  return undefined;
}

/** The ChallengeResponses particular to each challenge (USERNAME, SECRET_HASH, DEVICE_KEY are common). */
function challengeResponses(answer: ChallengeAnswer): Record<string, string> {
  switch (answer.challenge) {
    case 'NEW_PASSWORD_REQUIRED': {
      const responses: Record<string, string> = { NEW_PASSWORD: answer.newPassword };
      for (const [name, value] of Object.entries(answer.attributes ?? {}))
        responses[`userAttributes.${name}`] = value;
      return responses;
    }
    case 'SOFTWARE_TOKEN_MFA':
      return { SOFTWARE_TOKEN_MFA_CODE: answer.code };
    case 'SMS_MFA':
      return { SMS_MFA_CODE: answer.code };
    case 'EMAIL_OTP':
      return { EMAIL_OTP_CODE: answer.code };
    case 'SELECT_MFA_TYPE':
      return { ANSWER: CHALLENGE_OF_FACTOR[answer.factor] };
    case 'MFA_SETUP':
      return {};
    case 'SMS_OTP':
      return { SMS_OTP_CODE: answer.code };
    case 'WEB_AUTHN':
      return { CREDENTIAL: JSON.stringify(answer.credential) };
    case 'CUSTOM_CHALLENGE':
      return { ANSWER: answer.answer };
    case 'SELECT_CHALLENGE':
      // PASSWORD_SRP never comes here: its answer is a proof, made by SrpFlow.
      return answer.choice === 'PASSWORD' || answer.choice === 'PASSWORD_SRP'
        ? { ANSWER: answer.choice, PASSWORD: answer.password }
        : { ANSWER: answer.choice };
  }
}
