import {
  DeleteUserCommand,
  GetUserCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Inject, Injectable } from '@nestjs/common';
import { toAttributeList, toAttributeRecord } from '../../cognito-attributes.js';
import { CognitoGateway } from '../../cognito/cognito-gateway.js';
import { revokeEverySessionOf } from '../../revocation/revoke-user.js';
import { COGNITO_REVOCATION_STORE, type RevocationStore } from '../../revocation/revocation.store.js';
import { readClaims } from '../../tokens/token-claims.js';
import { toDeliveries } from '../auth-results.js';
import { clientMetadataField } from '../../cognito/client-metadata.js';
import type { CodeDelivery, UserProfile, WithClientMetadata } from '../cognito-auth.types.js';

/** The signed-in user's own account: its profile and attributes, and its deletion. */
@Injectable()
export class AccountFlow {
  constructor(
    private readonly cognito: CognitoGateway,
    @Inject(COGNITO_REVOCATION_STORE) private readonly revocations: RevocationStore,
  ) {}

  /** The signed-in user's profile, from Cognito (not from the token, which may be stale). */
  async getProfile(accessToken: string, groups?: string[]): Promise<UserProfile> {
    const output = await this.cognito.call((client) =>
      client.send(new GetUserCommand({ AccessToken: accessToken })),
    );
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
   * and may stay pending until verified where the pool requires it). `clientMetadata` goes to the
   * custom message (or custom sender) trigger of that code.
   */
  async updateProfile(
    accessToken: string,
    attributes: Record<string, string>,
    options: WithClientMetadata = {},
  ): Promise<CodeDelivery[]> {
    const output = await this.cognito.call((client) =>
      client.send(
        new UpdateUserAttributesCommand({
          AccessToken: accessToken,
          UserAttributes: toAttributeList(attributes),
          ...clientMetadataField(options.clientMetadata),
        }),
      ),
    );
    return toDeliveries(output.CodeDeliveryDetailsList);
  }

  /** Verifies an attribute (`email`, `phone_number`) with the code Cognito sent for it. */
  async verifyAttribute(accessToken: string, attribute: string, code: string): Promise<void> {
    await this.cognito.call((client) =>
      client.send(
        new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: attribute, Code: code }),
      ),
    );
  }

  /** Deletes the signed-in user's account; its tokens stop working at once. */
  async deleteAccount(accessToken: string): Promise<void> {
    await this.cognito.call((client) => client.send(new DeleteUserCommand({ AccessToken: accessToken })));
    await revokeEverySessionOf(this.revocations, accessToken);
  }
}
