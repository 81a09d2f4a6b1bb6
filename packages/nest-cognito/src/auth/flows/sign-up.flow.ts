import {
  ConfirmSignUpCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Injectable } from '@nestjs/common';
import { toAttributeList } from '../../cognito-attributes.js';
import { CognitoGateway } from '../../cognito/cognito-gateway.js';
import { toDelivery } from '../auth-results.js';
import { clientMetadataField } from '../../cognito/client-metadata.js';
import type { CodeDelivery, SignUpInput, SignUpResult, WithClientMetadata } from '../cognito-auth.types.js';
import { unconfirmableAsNoDelivery, unconfirmableAsWrongCode } from '../user-hiding.js';

/** Sign-up and its confirmation by code. */
@Injectable()
export class SignUpFlow {
  constructor(private readonly cognito: CognitoGateway) {}

  async signUp(input: SignUpInput): Promise<SignUpResult> {
    const attributes: Record<string, string> = { ...input.attributes, email: input.email };
    if (input.name !== undefined) attributes.name = input.name;
    if (input.givenName !== undefined) attributes.given_name = input.givenName;
    if (input.familyName !== undefined) attributes.family_name = input.familyName;
    const output = await this.cognito.call((client) =>
      client.send(
        new SignUpCommand({
          ClientId: this.cognito.options.clientId,
          Username: input.email,
          Password: input.password,
          UserAttributes: toAttributeList(attributes),
          ...this.cognito.secretHash(input.email),
          ...clientMetadataField(input.clientMetadata),
        }),
      ),
    );
    return {
      userSub: output.UserSub ?? '',
      userConfirmed: output.UserConfirmed ?? false,
      codeDelivery: toDelivery(output.CodeDeliveryDetails),
    };
  }

  /**
   * Confirms with the emailed code; an unknown email, and an account with nothing to confirm
   * (already confirmed, disabled), fail as a wrong code does. `clientMetadata` goes to the post
   * confirmation trigger.
   */
  async confirmSignUp(email: string, code: string, options: WithClientMetadata = {}): Promise<void> {
    await this.cognito.call(
      (client) =>
        client.send(
          new ConfirmSignUpCommand({
            ClientId: this.cognito.options.clientId,
            Username: email,
            ConfirmationCode: code,
            ...this.cognito.secretHash(email),
            ...clientMetadataField(options.clientMetadata),
          }),
        ),
      unconfirmableAsWrongCode,
    );
  }

  /**
   * Sends a new confirmation code. An unknown email, and an account with nothing to confirm
   * (already confirmed, disabled, created by an administrator), are answered with a null delivery,
   * so that the answer tells nobody who signed up. `clientMetadata` goes to the custom message (or
   * custom sender) trigger.
   */
  async resendConfirmationCode(
    email: string,
    options: WithClientMetadata = {},
  ): Promise<CodeDelivery | null> {
    const output = await this.cognito.call(
      (client) =>
        client.send(
          new ResendConfirmationCodeCommand({
            ClientId: this.cognito.options.clientId,
            Username: email,
            ...this.cognito.secretHash(email),
            ...clientMetadataField(options.clientMetadata),
          }),
        ),
      unconfirmableAsNoDelivery,
    );
    return output === null ? null : toDelivery(output.CodeDeliveryDetails);
  }
}
