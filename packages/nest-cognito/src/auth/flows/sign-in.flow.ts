import { Injectable } from '@nestjs/common';
import { CognitoGateway } from '../../cognito/cognito-gateway.js';
import { CognitoException } from '../../errors/cognito.exception.js';
import { toSignInResult, toTokens } from '../auth-results.js';
import type { AuthStep } from '../../cognito/cognito-gateway.js';
import type {
  AuthTokens,
  NewPasswordAnswer,
  RefreshedTokens,
  SignInOptions,
  SignInResult,
} from '../cognito-auth.types.js';
import { unknownUserAsWrongPassword, wrongUsernameAsBadRefresh } from '../user-hiding.js';
import { DeviceFlow } from './device.flow.js';
import { SrpFlow } from './srp.flow.js';

/**
 * Sign-in with email and password, the challenges that may follow, and refresh. Each further way
 * in (SRP, MFA, passwordless, custom auth) gets a flow of its own beside this one.
 */
@Injectable()
export class SignInFlow {
  constructor(
    private readonly cognito: CognitoGateway,
    private readonly srp: SrpFlow,
    private readonly devices: DeviceFlow,
  ) {}

  /**
   * Signs in with email and password, by the configured `authFlow` (the password sent to Cognito,
   * or proven with SRP): tokens, or a challenge to answer. An unknown email and a wrong password
   * fail alike (401 `NOT_AUTHORIZED`), whatever the client's existence-error setting. With a
   * remembered `device`, Cognito's DEVICE_SRP_AUTH is answered with its password; where the pool
   * tracks devices, a new device Cognito offers is confirmed and returned as `newDevice`.
   */
  async signIn(email: string, password: string, options: SignInOptions = {}): Promise<SignInResult> {
    const deviceKey = options.device?.deviceKey;
    const { step, userId } =
      this.cognito.options.authFlow === 'USER_SRP_AUTH'
        ? await this.srp.signIn(email, password, deviceKey)
        : {
            step: await this.cognito.initiateAuth(
              'password',
              {
                USERNAME: email,
                PASSWORD: password,
                ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
                ...this.cognito.secretHashParameter(email),
              },
              unknownUserAsWrongPassword,
            ),
            userId: email,
          };
    const last = options.device ? await this.devices.answer(step, userId, options.device) : step;
    return this.withNewDevice(toSignInResult(last), last, options.deviceName);
  }

  /** Answers `NEW_PASSWORD_REQUIRED` with the user's own password (and any required attributes). */
  async respondToNewPasswordChallenge(answer: NewPasswordAnswer): Promise<AuthTokens> {
    const responses: Record<string, string> = {
      USERNAME: answer.email,
      NEW_PASSWORD: answer.newPassword,
      ...this.cognito.secretHashParameter(answer.email),
    };
    for (const [name, value] of Object.entries(answer.attributes ?? {}))
      responses[`userAttributes.${name}`] = value;
    const step = await this.cognito.respondToChallenge('NEW_PASSWORD_REQUIRED', answer.session, responses);
    if (step.ChallengeName) {
      throw CognitoException.of(
        'UNSUPPORTED_CHALLENGE',
        `Cognito asked for another challenge (${step.ChallengeName}), which nest-cognito does not answer.`,
      );
    }
    return this.withNewDevice(toTokens(step.AuthenticationResult), step);
  }

  /** Tokens with the device Cognito offered, confirmed; challenges and other answers as they are. */
  private async withNewDevice<R extends SignInResult>(result: R, step: AuthStep, name?: string): Promise<R> {
    const metadata = step.AuthenticationResult?.NewDeviceMetadata;
    if (!metadata || 'challenge' in result) return result;
    const newDevice = await this.devices.confirm(result.accessToken, metadata, name);
    return { ...result, newDevice };
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
