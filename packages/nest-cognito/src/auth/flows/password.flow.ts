import {
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Injectable } from '@nestjs/common';
import { CognitoGateway } from '../../cognito/cognito-gateway.js';
import { clientMetadataField } from '../../cognito/client-metadata.js';
import type { WithClientMetadata } from '../cognito-auth.types.js';
import { revealingAnswerAsSuccess, unknownUserAsWrongCode } from '../user-hiding.js';

/** A forgotten password reset by code, and a known one changed. */
@Injectable()
export class PasswordFlow {
  constructor(private readonly cognito: CognitoGateway) {}

  /**
   * Starts a password reset: Cognito sends a code. Answers the same whatever the email (unknown,
   * unverified, disabled): only throttling and outages surface. `clientMetadata` goes to the custom
   * message (or custom sender) and user migration triggers.
   */
  async forgotPassword(email: string, options: WithClientMetadata = {}): Promise<void> {
    // One path for every answer: the same request, the same settling, one decision at the end.
    await this.cognito.call(
      (client) =>
        client.send(
          new ForgotPasswordCommand({
            ClientId: this.cognito.options.clientId,
            Username: email,
            ...this.cognito.secretHash(email),
            ...clientMetadataField(options.clientMetadata),
          }),
        ),
      revealingAnswerAsSuccess,
    );
  }

  /**
   * Sets the new password with the emailed code; an unknown email fails as a wrong code does.
   * `clientMetadata` goes to the post confirmation trigger.
   */
  async confirmForgotPassword(
    email: string,
    code: string,
    newPassword: string,
    options: WithClientMetadata = {},
  ): Promise<void> {
    await this.cognito.call(
      (client) =>
        client.send(
          new ConfirmForgotPasswordCommand({
            ClientId: this.cognito.options.clientId,
            Username: email,
            ConfirmationCode: code,
            Password: newPassword,
            ...this.cognito.secretHash(email),
            ...clientMetadataField(options.clientMetadata),
          }),
        ),
      unknownUserAsWrongCode,
    );
  }

  async changePassword(
    accessToken: string,
    previousPassword: string,
    proposedPassword: string,
  ): Promise<void> {
    await this.cognito.call((client) =>
      client.send(
        new ChangePasswordCommand({
          AccessToken: accessToken,
          PreviousPassword: previousPassword,
          ProposedPassword: proposedPassword,
        }),
      ),
    );
  }
}
