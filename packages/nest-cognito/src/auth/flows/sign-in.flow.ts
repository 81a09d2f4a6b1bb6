import { Injectable } from '@nestjs/common';
import { CognitoGateway } from '../../cognito/cognito-gateway.js';
import { CognitoException } from '../../errors/cognito.exception.js';
import { toSignInResult, toTokens } from '../auth-results.js';
import type { AuthTokens, NewPasswordAnswer, RefreshedTokens, SignInResult } from '../cognito-auth.types.js';
import { unknownUserAsWrongPassword, wrongUsernameAsBadRefresh } from '../user-hiding.js';
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
  ) {}

  /**
   * Signs in with email and password, by the configured `authFlow` (the password sent to Cognito,
   * or proven with SRP): tokens, or a challenge to answer. An unknown email and a wrong password
   * fail alike (401 `NOT_AUTHORIZED`), whatever the client's existence-error setting.
   */
  async signIn(email: string, password: string): Promise<SignInResult> {
    const step =
      this.cognito.options.authFlow === 'USER_SRP_AUTH'
        ? await this.srp.signIn(email, password)
        : await this.cognito.initiateAuth(
            'password',
            { USERNAME: email, PASSWORD: password, ...this.cognito.secretHashParameter(email) },
            unknownUserAsWrongPassword,
          );
    return toSignInResult(step);
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
    return toTokens(step.AuthenticationResult);
  }

  /**
   * New access and ID tokens from a refresh token. With a client secret, `username` is required:
   * the SECRET_HASH of a refresh is computed over the user's Cognito user name (the `username`
   * claim of its access token; the `sub` in pools that sign in with email).
   */
  async refresh(refreshToken: string, username?: string): Promise<RefreshedTokens> {
    if (this.cognito.options.clientSecret && !username) {
      throw CognitoException.of('VALIDATION_FAILED', [
        'username is required: the app client has a secret (send the access token’s username claim)',
      ]);
    }
    const parameters: Record<string, string> = {
      REFRESH_TOKEN: refreshToken,
      ...(username ? this.cognito.secretHashParameter(username) : {}),
    };
    const step = await this.cognito.initiateAuth('refresh', parameters, wrongUsernameAsBadRefresh);
    const { refreshToken: _unchanged, ...tokens } = toTokens(step.AuthenticationResult, false);
    return tokens;
  }
}
