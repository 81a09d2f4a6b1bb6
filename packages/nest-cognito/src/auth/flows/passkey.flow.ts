import {
  CompleteWebAuthnRegistrationCommand,
  type CompleteWebAuthnRegistrationRequest,
  DeleteWebAuthnCredentialCommand,
  ListWebAuthnCredentialsCommand,
  StartWebAuthnRegistrationCommand,
  type WebAuthnCredentialDescription,
} from '@aws-sdk/client-cognito-identity-provider';
import { Injectable } from '@nestjs/common';
import { CognitoGateway } from '../../cognito/cognito-gateway.js';
import { type Page, toPage } from '../../cognito/page.js';
import { CognitoException } from '../../errors/cognito.exception.js';
import { isRecord } from '../auth-results.js';
import type { PasskeyCreationOptions, PasskeyCredential, PasskeyInfo } from '../cognito-auth.types.js';

/**
 * The signed-in user's passkeys: registration (StartWebAuthnRegistration gives the options for the
 * browser's `navigator.credentials.create`, CompleteWebAuthnRegistration takes what it made), the
 * list and removal. Signing in with one is the WEB_AUTHN challenge of a passwordless sign-in.
 */
@Injectable()
export class PasskeyFlow {
  constructor(private readonly cognito: CognitoGateway) {}

  /** The creation options of a new passkey; Cognito keeps their challenge for a few minutes. */
  async startRegistration(accessToken: string): Promise<PasskeyCreationOptions> {
    const output = await this.cognito.call((client) =>
      client.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken })),
    );
    const options: unknown = output.CredentialCreationOptions;
    if (!isRecord(options) || typeof options.challenge !== 'string') {
      throw CognitoException.of('COGNITO_ERROR', 'Cognito returned no passkey creation options.');
    }
    return options as PasskeyCreationOptions;
  }

  /** Registers the passkey the browser made from the options of `startRegistration`. */
  async completeRegistration(accessToken: string, credential: PasskeyCredential): Promise<void> {
    await this.cognito.call((client) =>
      client.send(
        new CompleteWebAuthnRegistrationCommand({
          AccessToken: accessToken,
          Credential: asDocument(credential),
        }),
      ),
    );
  }

  /** The user's passkeys, one page at a time (at most 20 a page). */
  async list(
    accessToken: string,
    page: { limit?: number; nextToken?: string } = {},
  ): Promise<Page<PasskeyInfo, 'passkeys', 'nextToken'>> {
    const output = await this.cognito.call((client) =>
      client.send(
        new ListWebAuthnCredentialsCommand({
          AccessToken: accessToken,
          ...(page.limit ? { MaxResults: page.limit } : {}),
          ...(page.nextToken ? { NextToken: page.nextToken } : {}),
        }),
      ),
    );
    return toPage('passkeys', (output.Credentials ?? []).map(toPasskeyInfo), 'nextToken', output.NextToken);
  }

  /** Removes one of the user's passkeys (another user's, or none, is 404 `RESOURCE_NOT_FOUND`). */
  async delete(accessToken: string, credentialId: string): Promise<void> {
    await this.cognito.call((client) =>
      client.send(
        new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: credentialId }),
      ),
    );
  }
}

/** A passkey as `ListWebAuthnCredentials` describes it. */
export function toPasskeyInfo(credential: WebAuthnCredentialDescription): PasskeyInfo {
  return {
    credentialId: credential.CredentialId ?? '',
    name: credential.FriendlyCredentialName ?? '',
    relyingPartyId: credential.RelyingPartyId ?? '',
    attachment: credential.AuthenticatorAttachment ?? null,
    transports: credential.AuthenticatorTransports ?? [],
    createdAt: credential.CreatedAt ? credential.CreatedAt.toISOString() : null,
  };
}

/** A JSON value as the SDK's document type: a round trip through JSON text makes it one. */
const asDocument = (value: PasskeyCredential) =>
  JSON.parse(JSON.stringify(value)) as CompleteWebAuthnRegistrationRequest['Credential'];
