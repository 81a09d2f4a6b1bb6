import { CognitoClientCredentialsError } from './client-credentials.error.js';
import { isHttpUrl } from './client-credentials.options.js';
import { fetchJson } from './http.js';

/**
 * The `token_endpoint` of a pool's OpenID configuration. Cognito lists it once the pool has a
 * domain; without one there is no OAuth endpoint at all, which the error says.
 */
export async function discoverTokenEndpoint(discoveryUrl: string, timeoutMs: number): Promise<string> {
  const { status, body } = await fetchJson(
    discoveryUrl,
    { method: 'GET' },
    timeoutMs,
    'OpenID configuration',
  );
  if (status !== 200) {
    throw new CognitoClientCredentialsError(
      'discovery_failed',
      `OpenID configuration ${discoveryUrl} answered status ${status}`,
      status,
    );
  }
  const endpoint = (body as { token_endpoint?: unknown } | undefined)?.token_endpoint;
  if (endpoint === undefined || endpoint === null) {
    throw new CognitoClientCredentialsError(
      'discovery_failed',
      `OpenID configuration ${discoveryUrl} names no token_endpoint: give the pool a domain, or set tokenEndpoint`,
      status,
    );
  }
  if (!isHttpUrl(endpoint)) {
    // Not quoted: it could carry a password, which fetch would refuse and its error repeat.
    throw new CognitoClientCredentialsError(
      'discovery_failed',
      `OpenID configuration ${discoveryUrl} names a token_endpoint that is not an http(s) URL without a user name or password`,
      status,
    );
  }
  return endpoint;
}
