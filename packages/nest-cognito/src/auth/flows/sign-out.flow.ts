import { GlobalSignOutCommand, RevokeTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Inject, Injectable } from '@nestjs/common';
import { CognitoGateway } from '../../cognito/cognito-gateway.js';
import { revokeEverySessionOf, revokeSessionOf } from '../../revocation/revoke-user.js';
import { COGNITO_REVOCATION_STORE, type RevocationStore } from '../../revocation/revocation.store.js';

/** Sign-out: everywhere, or one refresh token. Each also tells the revocation store the guard asks. */
@Injectable()
export class SignOutFlow {
  constructor(
    private readonly cognito: CognitoGateway,
    @Inject(COGNITO_REVOCATION_STORE) private readonly revocations: RevocationStore,
  ) {}

  /**
   * Signs the user out everywhere: Cognito revokes every refresh token, and the revocation store
   * learns of it so that the guard refuses this access token and every older one at once.
   */
  async signOut(accessToken: string): Promise<void> {
    await this.cognito.call((client) => client.send(new GlobalSignOutCommand({ AccessToken: accessToken })));
    await revokeEverySessionOf(this.revocations, accessToken);
  }

  /**
   * Revokes one refresh token (and, at Cognito, the access tokens issued from it). Pass the access
   * token of the same sign-in to have the guard refuse it too.
   */
  async revokeRefreshToken(refreshToken: string, accessToken?: string): Promise<void> {
    await this.cognito.call((client) =>
      client.send(
        new RevokeTokenCommand({
          ClientId: this.cognito.options.clientId,
          Token: refreshToken,
          ...this.cognito.clientSecret(),
        }),
      ),
    );
    if (accessToken) await revokeSessionOf(this.revocations, accessToken);
  }
}
