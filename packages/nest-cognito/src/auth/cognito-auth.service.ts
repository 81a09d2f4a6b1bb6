import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  type AuthenticationResultType,
  type ChallengeNameType,
  ChangePasswordCommand,
  type CodeDeliveryDetailsType,
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  DeleteUserCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  type InitiateAuthCommandOutput,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { toAttributeList, toAttributeRecord } from '../cognito-attributes.js';
import { COGNITO_OPTIONS } from '../cognito.constants.js';
import type { ResolvedCognitoOptions } from '../cognito.options.js';
import { callCognito, CognitoException, toCognitoException } from '../errors/cognito.exception.js';
import { MAX_ACCESS_TOKEN_SECONDS, revokeUserTokens, untilSecond } from '../revocation/revoke-user.js';
import { COGNITO_REVOCATION_STORE, type RevocationStore } from '../revocation/revocation.store.js';
import { readClaims } from '../tokens/token-claims.js';
import type {
  AuthChallenge,
  AuthTokens,
  CodeDelivery,
  NewPasswordAnswer,
  RefreshedTokens,
  SignInResult,
  SignUpInput,
  SignUpResult,
  UserProfile,
} from './cognito-auth.types.js';
import { computeSecretHash } from './secret-hash.js';

const INCORRECT_CREDENTIALS = 'Incorrect username or password.';

/**
 * Every user flow of a Cognito user pool whose users sign in with their email. Each method either
 * returns its typed result or throws a `CognitoException` (HTTP status, stable `code`); none
 * returns null for a failure.
 */
@Injectable()
export class CognitoAuthService {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    @Inject(COGNITO_OPTIONS) private readonly options: ResolvedCognitoOptions,
    @Inject(COGNITO_REVOCATION_STORE) private readonly revocations: RevocationStore,
  ) {}

  async signUp(input: SignUpInput): Promise<SignUpResult> {
    const attributes: Record<string, string> = { ...input.attributes, email: input.email };
    if (input.name !== undefined) attributes.name = input.name;
    if (input.givenName !== undefined) attributes.given_name = input.givenName;
    if (input.familyName !== undefined) attributes.family_name = input.familyName;
    const output = await this.call(() =>
      this.client.send(
        new SignUpCommand({
          ClientId: this.options.clientId,
          Username: input.email,
          Password: input.password,
          UserAttributes: toAttributeList(attributes),
          ...this.secretHash(input.email),
        }),
      ),
    );
    return {
      userSub: output.UserSub ?? '',
      userConfirmed: output.UserConfirmed ?? false,
      codeDelivery: toDelivery(output.CodeDeliveryDetails),
    };
  }

  async confirmSignUp(email: string, code: string): Promise<void> {
    try {
      await this.client.send(
        new ConfirmSignUpCommand({
          ClientId: this.options.clientId,
          Username: email,
          ConfirmationCode: code,
          ...this.secretHash(email),
        }),
      );
    } catch (error) {
      throw hidingUnknownUser(error);
    }
  }

  /**
   * Sends a new confirmation code. An unknown email is answered like a known one (null delivery
   * when Cognito itself reports the user missing), so that the answer tells nobody who signed up.
   */
  async resendConfirmationCode(email: string): Promise<CodeDelivery | null> {
    try {
      const output = await this.client.send(
        new ResendConfirmationCodeCommand({
          ClientId: this.options.clientId,
          Username: email,
          ...this.secretHash(email),
        }),
      );
      return toDelivery(output.CodeDeliveryDetails);
    } catch (error) {
      if (nameOf(error) === 'UserNotFoundException') return null;
      throw toCognitoException(error);
    }
  }

  /**
   * Signs in with email and password: tokens, or a challenge to answer. An unknown email and a
   * wrong password fail alike (401 `NOT_AUTHORIZED`), whatever the client's existence-error setting.
   */
  async signIn(email: string, password: string): Promise<SignInResult> {
    const parameters = { USERNAME: email, PASSWORD: password, ...this.secretHashParameter(email) };
    try {
      const output: Pick<
        InitiateAuthCommandOutput,
        'AuthenticationResult' | 'ChallengeName' | 'Session' | 'ChallengeParameters'
      > =
        this.options.authFlow === 'ADMIN_USER_PASSWORD_AUTH'
          ? await this.client.send(
              new AdminInitiateAuthCommand({
                UserPoolId: this.options.userPoolId,
                ClientId: this.options.clientId,
                AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
                AuthParameters: parameters,
              }),
            )
          : await this.client.send(
              new InitiateAuthCommand({
                ClientId: this.options.clientId,
                AuthFlow: 'USER_PASSWORD_AUTH',
                AuthParameters: parameters,
              }),
            );
      if (output.ChallengeName)
        return toChallenge(output.ChallengeName, output.Session, output.ChallengeParameters);
      return toTokens(output.AuthenticationResult);
    } catch (error) {
      if (nameOf(error) === 'UserNotFoundException') {
        throw new CognitoException(
          HttpStatus.UNAUTHORIZED,
          'NOT_AUTHORIZED',
          INCORRECT_CREDENTIALS,
          'NotAuthorizedException',
        );
      }
      throw toCognitoException(error);
    }
  }

  /** Answers `NEW_PASSWORD_REQUIRED` with the user's own password (and any required attributes). */
  async respondToNewPasswordChallenge(answer: NewPasswordAnswer): Promise<AuthTokens> {
    const responses: Record<string, string> = {
      USERNAME: answer.email,
      NEW_PASSWORD: answer.newPassword,
      ...this.secretHashParameter(answer.email),
    };
    for (const [name, value] of Object.entries(answer.attributes ?? {}))
      responses[`userAttributes.${name}`] = value;
    const request = {
      ClientId: this.options.clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED' as ChallengeNameType,
      Session: answer.session,
      ChallengeResponses: responses,
    };
    const output = await this.call(() =>
      this.options.authFlow === 'ADMIN_USER_PASSWORD_AUTH'
        ? this.client.send(
            new AdminRespondToAuthChallengeCommand({ ...request, UserPoolId: this.options.userPoolId }),
          )
        : this.client.send(new RespondToAuthChallengeCommand(request)),
    );
    if (output.ChallengeName) {
      throw new CognitoException(
        HttpStatus.NOT_IMPLEMENTED,
        'UNSUPPORTED_CHALLENGE',
        `Cognito asked for another challenge (${output.ChallengeName}), which nest-cognito does not answer.`,
      );
    }
    return toTokens(output.AuthenticationResult);
  }

  /**
   * New access and ID tokens from a refresh token. With a client secret, `username` is required:
   * the SECRET_HASH of a refresh is computed over the user's Cognito user name (the `username`
   * claim of its access token; the `sub` in pools that sign in with email).
   */
  async refresh(refreshToken: string, username?: string): Promise<RefreshedTokens> {
    if (this.options.clientSecret && !username) {
      throw new CognitoException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', [
        'username is required: the app client has a secret (send the access token’s username claim)',
      ]);
    }
    const parameters: Record<string, string> = { REFRESH_TOKEN: refreshToken };
    if (username) Object.assign(parameters, this.secretHashParameter(username));
    try {
      const output =
        this.options.authFlow === 'ADMIN_USER_PASSWORD_AUTH'
          ? await this.client.send(
              new AdminInitiateAuthCommand({
                UserPoolId: this.options.userPoolId,
                ClientId: this.options.clientId,
                AuthFlow: 'REFRESH_TOKEN_AUTH',
                AuthParameters: parameters,
              }),
            )
          : await this.client.send(
              new InitiateAuthCommand({
                ClientId: this.options.clientId,
                AuthFlow: 'REFRESH_TOKEN_AUTH',
                AuthParameters: parameters,
              }),
            );
      const { refreshToken: _unchanged, ...tokens } = toTokens(output.AuthenticationResult, false);
      return tokens;
    } catch (error) {
      // A wrong user name shows as a secret-hash mismatch: the caller's mistake, not the server's.
      if (
        nameOf(error) === 'NotAuthorizedException' &&
        /secret hash/i.test(String((error as Error).message))
      ) {
        throw new CognitoException(
          HttpStatus.UNAUTHORIZED,
          'NOT_AUTHORIZED',
          'The refresh token or the username is not valid.',
          'NotAuthorizedException',
        );
      }
      throw toCognitoException(error);
    }
  }

  /**
   * Starts a password reset: Cognito sends a code. Answers the same whatever the email (unknown,
   * unverified, disabled): only throttling and outages surface.
   */
  async forgotPassword(email: string): Promise<void> {
    // One path for every answer: the same request, the same settling, one decision at the end.
    const failure = await this.client
      .send(
        new ForgotPasswordCommand({
          ClientId: this.options.clientId,
          Username: email,
          ...this.secretHash(email),
        }),
      )
      .then(
        () => undefined,
        (error: unknown) => ({ error }),
      );
    if (failure !== undefined && !revealsTheUser(failure.error)) throw toCognitoException(failure.error);
  }

  async confirmForgotPassword(email: string, code: string, newPassword: string): Promise<void> {
    try {
      await this.client.send(
        new ConfirmForgotPasswordCommand({
          ClientId: this.options.clientId,
          Username: email,
          ConfirmationCode: code,
          Password: newPassword,
          ...this.secretHash(email),
        }),
      );
    } catch (error) {
      throw hidingUnknownUser(error);
    }
  }

  async changePassword(
    accessToken: string,
    previousPassword: string,
    proposedPassword: string,
  ): Promise<void> {
    await this.call(() =>
      this.client.send(
        new ChangePasswordCommand({
          AccessToken: accessToken,
          PreviousPassword: previousPassword,
          ProposedPassword: proposedPassword,
        }),
      ),
    );
  }

  /** The signed-in user's profile, from Cognito (not from the token, which may be stale). */
  async getProfile(accessToken: string, groups?: string[]): Promise<UserProfile> {
    const output = await this.call(() => this.client.send(new GetUserCommand({ AccessToken: accessToken })));
    const attributes = toAttributeRecord(output.UserAttributes);
    const claimed = readClaims(accessToken)['cognito:groups'];
    return {
      sub: attributes.sub ?? '',
      username: output.Username ?? '',
      email: attributes.email ?? null,
      emailVerified: attributes.email_verified === 'true',
      groups: groups ?? (Array.isArray(claimed) ? claimed.map(String) : []),
      attributes,
    };
  }

  /**
   * Changes the user's attributes; returns where verification codes went (a new email gets one,
   * and may stay pending until verified where the pool requires it).
   */
  async updateProfile(accessToken: string, attributes: Record<string, string>): Promise<CodeDelivery[]> {
    const output = await this.call(() =>
      this.client.send(
        new UpdateUserAttributesCommand({
          AccessToken: accessToken,
          UserAttributes: toAttributeList(attributes),
        }),
      ),
    );
    return (output.CodeDeliveryDetailsList ?? [])
      .map(toDelivery)
      .filter((d): d is CodeDelivery => d !== null);
  }

  /** Verifies an attribute (`email`, `phone_number`) with the code Cognito sent for it. */
  async verifyAttribute(accessToken: string, attribute: string, code: string): Promise<void> {
    await this.call(() =>
      this.client.send(
        new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: attribute, Code: code }),
      ),
    );
  }

  /**
   * Signs the user out everywhere: Cognito revokes every refresh token, and the revocation store
   * learns of it so that the guard refuses this access token and every older one at once.
   */
  async signOut(accessToken: string): Promise<void> {
    await this.call(() => this.client.send(new GlobalSignOutCommand({ AccessToken: accessToken })));
    await untilSecond(await this.recordUserRevocation(accessToken));
  }

  /**
   * Revokes one refresh token (and, at Cognito, the access tokens issued from it). Pass the access
   * token of the same sign-in to have the guard refuse it too.
   */
  async revokeRefreshToken(refreshToken: string, accessToken?: string): Promise<void> {
    await this.call(() =>
      this.client.send(
        new RevokeTokenCommand({
          ClientId: this.options.clientId,
          Token: refreshToken,
          ...(this.options.clientSecret ? { ClientSecret: this.options.clientSecret } : {}),
        }),
      ),
    );
    if (accessToken) {
      const claims = readClaims(accessToken);
      if (typeof claims.origin_jti === 'string') {
        await this.revocations.revokeSession(claims.origin_jti, expiryOf(claims));
      }
    }
  }

  /** Deletes the signed-in user's account; its tokens stop working at once. */
  async deleteAccount(accessToken: string): Promise<void> {
    await this.call(() => this.client.send(new DeleteUserCommand({ AccessToken: accessToken })));
    await this.recordUserRevocation(accessToken);
  }

  /**
   * Records that every token of the user issued up to now (the whole current second included) is
   * revoked; returns the first second whose tokens are not.
   */
  private async recordUserRevocation(accessToken: string): Promise<number> {
    const claims = readClaims(accessToken);
    if (typeof claims.origin_jti === 'string') {
      await this.revocations.revokeSession(claims.origin_jti, expiryOf(claims));
    }
    return typeof claims.sub === 'string'
      ? revokeUserTokens(this.revocations, claims.sub)
      : Math.floor(Date.now() / 1000) + 1;
  }

  private call<T>(request: () => Promise<T>): Promise<T> {
    return callCognito(request);
  }

  private secretHash(username: string): { SecretHash?: string } {
    return this.options.clientSecret
      ? { SecretHash: computeSecretHash(this.options.clientSecret, username, this.options.clientId) }
      : {};
  }

  private secretHashParameter(username: string): { SECRET_HASH?: string } {
    return this.options.clientSecret
      ? { SECRET_HASH: computeSecretHash(this.options.clientSecret, username, this.options.clientId) }
      : {};
  }
}

const nameOf = (error: unknown) => (error as { name?: string })?.name;

/**
 * The answers to ForgotPassword that would tell whether (and how) an account exists: none,
 * without a verified email, or disabled. The caller hears the same 202 for all of them.
 */
function revealsTheUser(error: unknown): boolean {
  const name = nameOf(error);
  const message = String((error as { message?: unknown })?.message ?? '');
  return (
    name === 'UserNotFoundException' ||
    (name === 'InvalidParameterException' &&
      /no registered\/verified email|Cannot reset password/i.test(message)) ||
    (name === 'NotAuthorizedException' && /disabled/i.test(message))
  );
}

/** Without a user there is no code to match: an unknown user is said the way a wrong code is. */
function hidingUnknownUser(error: unknown): CognitoException {
  if (nameOf(error) !== 'UserNotFoundException') return toCognitoException(error);
  return new CognitoException(
    HttpStatus.BAD_REQUEST,
    'CODE_MISMATCH',
    'Invalid verification code provided, please try again.',
    'CodeMismatchException',
  );
}

const expiryOf = (claims: Record<string, unknown>) =>
  typeof claims.exp === 'number' ? claims.exp : Math.floor(Date.now() / 1000) + MAX_ACCESS_TOKEN_SECONDS;

function toTokens(result: AuthenticationResultType | undefined, withRefresh = true): AuthTokens {
  if (!result?.AccessToken || !result.IdToken || (withRefresh && !result.RefreshToken)) {
    throw new CognitoException(HttpStatus.BAD_GATEWAY, 'COGNITO_ERROR', 'Cognito returned no tokens.');
  }
  return {
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    refreshToken: result.RefreshToken ?? '',
    expiresIn: result.ExpiresIn ?? 3600,
    tokenType: 'Bearer',
  };
}

function toChallenge(
  name: string,
  session: string | undefined,
  parameters: Record<string, string> | undefined,
): AuthChallenge {
  if (name !== 'NEW_PASSWORD_REQUIRED' || !session) {
    throw new CognitoException(
      HttpStatus.NOT_IMPLEMENTED,
      'UNSUPPORTED_CHALLENGE',
      `Cognito asked for the ${name} challenge, which nest-cognito does not answer.`,
    );
  }
  let required: string[] = [];
  try {
    const parsed: unknown = JSON.parse(parameters?.requiredAttributes ?? '[]');
    if (Array.isArray(parsed)) required = parsed.map((a) => String(a).replace(/^userAttributes\./, ''));
  } catch {
    required = [];
  }
  return { challenge: 'NEW_PASSWORD_REQUIRED', session, requiredAttributes: required };
}

function toDelivery(details: CodeDeliveryDetailsType | undefined): CodeDelivery | null {
  if (!details?.Destination) return null;
  return {
    destination: details.Destination,
    medium: (details.DeliveryMedium ?? 'EMAIL') as CodeDelivery['medium'],
    attribute: details.AttributeName ?? 'email',
  };
}
