import {
  AdminInitiateAuthCommand,
  type AttributeType,
  type AuthenticationResultType,
  type AuthFlowType,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  GetUserCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Inject, Injectable } from '@nestjs/common';
import { COGNITO_OPTIONS } from '../cognito.constants.js';
import type { ResolvedCognitoOptions } from '../cognito.options.js';
import { CognitoException, toCognitoException } from '../errors/cognito.exception.js';
import type {
  AuthTokens,
  CodeDelivery,
  SignUpInput,
  SignUpResult,
  UserProfile,
} from './cognito-auth.types.js';
import { computeSecretHash } from './secret-hash.js';

const INCORRECT_CREDENTIALS = 'Incorrect username or password.';

/** Every user flow of a Cognito user pool whose users sign in with their email. */
@Injectable()
export class CognitoAuthService {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    @Inject(COGNITO_OPTIONS) private readonly options: ResolvedCognitoOptions,
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
          UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
          ...this.secretHash(input.email),
        }),
      ),
    );
    const delivery = output.CodeDeliveryDetails;
    return {
      userSub: output.UserSub ?? '',
      userConfirmed: output.UserConfirmed ?? false,
      codeDelivery: delivery?.Destination
        ? {
            destination: delivery.Destination,
            medium: (delivery.DeliveryMedium ?? 'EMAIL') as CodeDelivery['medium'],
            attribute: delivery.AttributeName ?? 'email',
          }
        : null,
    };
  }

  async confirmSignUp(email: string, code: string): Promise<void> {
    await this.call(() =>
      this.client.send(
        new ConfirmSignUpCommand({
          ClientId: this.options.clientId,
          Username: email,
          ConfirmationCode: code,
          ...this.secretHash(email),
        }),
      ),
    );
  }

  /**
   * Signs in with email and password. An unknown email and a wrong password fail alike
   * (401 `NOT_AUTHORIZED`), whatever the client's existence-error setting.
   */
  async signIn(email: string, password: string): Promise<AuthTokens> {
    const parameters = { USERNAME: email, PASSWORD: password, ...this.secretHashParameter(email) };
    try {
      const output =
        this.options.authFlow === 'ADMIN_USER_PASSWORD_AUTH'
          ? await this.client.send(
              new AdminInitiateAuthCommand({
                UserPoolId: this.options.userPoolId,
                ClientId: this.options.clientId,
                AuthFlow: 'ADMIN_USER_PASSWORD_AUTH' satisfies AuthFlowType,
                AuthParameters: parameters,
              }),
            )
          : await this.client.send(
              new InitiateAuthCommand({
                ClientId: this.options.clientId,
                AuthFlow: 'USER_PASSWORD_AUTH' satisfies AuthFlowType,
                AuthParameters: parameters,
              }),
            );
      return toTokens(output.AuthenticationResult);
    } catch (error) {
      if ((error as { name?: string }).name === 'UserNotFoundException') {
        throw new CognitoException(401, 'NOT_AUTHORIZED', INCORRECT_CREDENTIALS, 'NotAuthorizedException');
      }
      throw toCognitoException(error);
    }
  }

  /** The signed-in user's profile, from Cognito (not from the token, which may be stale). */
  async getProfile(accessToken: string, groups: string[] = []): Promise<UserProfile> {
    const output = await this.call(() => this.client.send(new GetUserCommand({ AccessToken: accessToken })));
    const attributes = toRecord(output.UserAttributes);
    return {
      sub: attributes.sub ?? '',
      username: output.Username ?? '',
      email: attributes.email ?? null,
      emailVerified: attributes.email_verified === 'true',
      groups,
      attributes,
    };
  }

  /** Runs one SDK call, turning whatever it throws into a `CognitoException`. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toCognitoException(error);
    }
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

function toTokens(result: AuthenticationResultType | undefined): AuthTokens {
  if (!result?.AccessToken || !result.IdToken || !result.RefreshToken) {
    throw new CognitoException(502, 'COGNITO_ERROR', 'Cognito returned no tokens.');
  }
  return {
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    refreshToken: result.RefreshToken,
    expiresIn: result.ExpiresIn ?? 3600,
    tokenType: 'Bearer',
  };
}

function toRecord(attributes: AttributeType[] | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const { Name, Value } of attributes ?? []) if (Name) record[Name] = Value ?? '';
  return record;
}
