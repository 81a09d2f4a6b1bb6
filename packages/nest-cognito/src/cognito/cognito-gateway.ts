import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  type AuthenticationResultType,
  type AuthFlowType,
  type ChallengeNameType,
  CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Inject, Injectable } from '@nestjs/common';
import { COGNITO_OPTIONS } from '../cognito.constants.js';
import type { ResolvedCognitoOptions } from '../cognito.options.js';
import { callCognito, type Rescue } from './cognito-call.js';
import { computeSecretHash } from './secret-hash.js';
import { clientMetadataField } from './client-metadata.js';

/** What an authentication step answers: tokens, or the next challenge. */
export interface AuthStep {
  AuthenticationResult?: AuthenticationResultType;
  ChallengeName?: ChallengeNameType | string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  /** SELECT_CHALLENGE: the first factors the sign-in may go on with. */
  AvailableChallenges?: string[];
}

/**
 * The `AuthFlow` of `InitiateAuth`, named by what it does: `password` is USER_PASSWORD_AUTH (or
 * ADMIN_USER_PASSWORD_AUTH when the admin API is configured), `srp` USER_SRP_AUTH, `refresh`
 * REFRESH_TOKEN_AUTH, `choice` USER_AUTH (choice-based sign-in: passwordless factors, passkeys),
 * `custom` CUSTOM_AUTH (the pool's define, create and verify auth challenge triggers lead).
 */
export type AuthStart = 'password' | 'srp' | 'refresh' | 'choice' | 'custom';

const PUBLIC_FLOW = {
  password: 'USER_PASSWORD_AUTH',
  srp: 'USER_SRP_AUTH',
  refresh: 'REFRESH_TOKEN_AUTH',
  choice: 'USER_AUTH',
  custom: 'CUSTOM_AUTH',
} as const satisfies Record<AuthStart, AuthFlowType>;

/**
 * How the library talks to Cognito, in one place: every call goes through `call` (one error
 * mapping), the secret hash is computed here, and the choice between the public API
 * (`InitiateAuth`) and the admin one (`AdminInitiateAuth`, SigV4) is made here once, from
 * `authFlow`. Each user flow (sign-up, sign-in, ...) is a class of its own on top of this.
 */
@Injectable()
export class CognitoGateway {
  constructor(
    readonly client: CognitoIdentityProviderClient,
    @Inject(COGNITO_OPTIONS) readonly options: ResolvedCognitoOptions,
  ) {}

  /** `{ UserPoolId }` of the configured pool, for admin requests. */
  get pool(): { UserPoolId: string } {
    return { UserPoolId: this.options.userPoolId };
  }

  /** Whether `InitiateAuth` and `RespondToAuthChallenge` go through the admin API. */
  get usesAdminFlow(): boolean {
    return this.options.authFlow === 'ADMIN_USER_PASSWORD_AUTH';
  }

  /** Runs one request with the client; see `callCognito`. */
  call<T, R = never>(
    request: (client: CognitoIdentityProviderClient) => Promise<T>,
    rescue?: Rescue<R>,
  ): Promise<T | R> {
    return callCognito(() => request(this.client), rescue);
  }

  /** `{ SecretHash }` for a request about `username` when the client has a secret. */
  secretHash(username: string): { SecretHash?: string } {
    const hash = this.hashOf(username);
    return hash === undefined ? {} : { SecretHash: hash };
  }

  /** `{ SECRET_HASH }` for auth parameters and challenge responses when the client has a secret. */
  secretHashParameter(username: string): { SECRET_HASH?: string } {
    const hash = this.hashOf(username);
    return hash === undefined ? {} : { SECRET_HASH: hash };
  }

  /** `{ ClientSecret }` for the requests that take the secret itself (`RevokeToken`). */
  clientSecret(): { ClientSecret?: string } {
    return this.options.clientSecret ? { ClientSecret: this.options.clientSecret } : {};
  }

  /**
   * Starts an authentication through the configured API (public or admin); `clientMetadata` goes
   * to the pool's triggers.
   */
  initiateAuth<R = never>(
    start: AuthStart,
    parameters: Record<string, string>,
    rescue?: Rescue<R>,
    clientMetadata?: Record<string, string>,
  ): Promise<AuthStep | R> {
    const common = {
      ClientId: this.options.clientId,
      AuthParameters: parameters,
      ...clientMetadataField(clientMetadata),
    };
    return this.call(
      (client): Promise<AuthStep> =>
        this.usesAdminFlow
          ? client.send(
              new AdminInitiateAuthCommand({
                ...common,
                ...this.pool,
                AuthFlow: start === 'password' ? 'ADMIN_USER_PASSWORD_AUTH' : PUBLIC_FLOW[start],
              }),
            )
          : client.send(new InitiateAuthCommand({ ...common, AuthFlow: PUBLIC_FLOW[start] })),
      rescue,
    );
  }

  /**
   * GetTokensFromRefreshToken, for clients that rotate refresh tokens: it takes the client secret
   * itself (not a SECRET_HASH) and answers a new refresh token beside the new access and ID tokens.
   */
  tokensFromRefreshToken<R = never>(
    refreshToken: string,
    deviceKey: string | undefined,
    rescue?: Rescue<R>,
  ): Promise<AuthStep | R> {
    return this.call(
      (client): Promise<AuthStep> =>
        client.send(
          new GetTokensFromRefreshTokenCommand({
            ClientId: this.options.clientId,
            RefreshToken: refreshToken,
            ...this.clientSecret(),
            ...(deviceKey ? { DeviceKey: deviceKey } : {}),
          }),
        ),
      rescue,
    );
  }

  /**
   * Answers a challenge through the API the authentication started with. `session` is absent for
   * PASSWORD_VERIFIER, whose exchange the SECRET_BLOCK names. `clientMetadata` goes to the pool's
   * triggers.
   */
  respondToChallenge<R = never>(
    challenge: ChallengeNameType,
    session: string | undefined,
    responses: Record<string, string>,
    rescue?: Rescue<R>,
    clientMetadata?: Record<string, string>,
  ): Promise<AuthStep | R> {
    const request = {
      ClientId: this.options.clientId,
      ChallengeName: challenge,
      ...(session ? { Session: session } : {}),
      ChallengeResponses: responses,
      ...clientMetadataField(clientMetadata),
    };
    return this.call(
      (client): Promise<AuthStep> =>
        this.usesAdminFlow
          ? client.send(new AdminRespondToAuthChallengeCommand({ ...request, ...this.pool }))
          : client.send(new RespondToAuthChallengeCommand(request)),
      rescue,
    );
  }

  private hashOf(username: string): string | undefined {
    const { clientSecret, clientId } = this.options;
    return clientSecret ? computeSecretHash(clientSecret, username, clientId) : undefined;
  }
}
