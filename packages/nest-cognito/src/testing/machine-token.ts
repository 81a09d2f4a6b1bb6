import { CognitoClientCredentials } from '../client-credentials/cognito-client-credentials.js';
import { scopesOfToken } from './token-scopes.js';

/** A real client-credentials access token of the emulated pool's machine client. */
export interface MachineToken {
  accessToken: string;
  /** `Bearer <accessToken>`, for an `Authorization` header. */
  authorization: string;
  /** The machine client's id: the token's `client_id` and `sub`. */
  clientId: string;
  /** The scopes granted (the token's `scope`). */
  scopes: string[];
}

/** A confidential client of the emulated pool: its id and secret. */
export interface MachineClient {
  clientId: string;
  clientSecret: string;
}

/**
 * Asks the emulator's `/oauth2/token` for a client-credentials token, through the library's own
 * `CognitoClientCredentials` (`client_secret_basic`), a new one each time (no cache between calls).
 */
export async function requestMachineToken(
  tokenEndpoint: string,
  client: MachineClient,
  scopes: string[] | undefined,
): Promise<MachineToken> {
  const accessToken = await new CognitoClientCredentials({
    ...client,
    tokenEndpoint,
    ...(scopes ? { scopes } : {}),
  }).getAccessToken();
  return {
    accessToken,
    authorization: `Bearer ${accessToken}`,
    clientId: client.clientId,
    scopes: scopesOfToken(accessToken),
  };
}
