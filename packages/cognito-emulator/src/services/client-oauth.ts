import { CognitoError, invalidParameter } from '../errors.js';

/** The scopes every pool has, besides its resource servers' custom ones. */
export const STANDARD_SCOPES: ReadonlySet<string> = new Set([
  'openid',
  'email',
  'phone',
  'profile',
  'aws.cognito.signin.user.admin',
]);

/** The OAuth members of a client's settings (CreateUserPoolClient / UpdateUserPoolClient). */
export interface OAuthSettings {
  AllowedOAuthFlowsUserPoolClient?: boolean;
  AllowedOAuthFlows?: string[];
  AllowedOAuthScopes?: string[];
  CallbackURLs?: string[];
  LogoutURLs?: string[];
  DefaultRedirectURI?: string;
  SupportedIdentityProviders?: string[];
}

/** What the OAuth settings are checked against: the client's secret and the pool's custom scopes. */
export interface OAuthContext {
  hasSecret: boolean;
  customScopes: ReadonlySet<string>;
}

const invalidFlow = (message: string) => new CognitoError('InvalidOAuthFlowException', message);

/**
 * A client's OAuth settings, checked as AWS checks them when a client is created or updated, with
 * AWS's error names and messages: the flows and scopes an OAuth client needs, `client_credentials`
 * alone and only with a secret, redirect URLs, the default redirect among the callbacks, known
 * scopes, and identity providers the pool has (only `COGNITO` in the emulator).
 */
export function assertOAuthSettings(settings: OAuthSettings, context: OAuthContext): void {
  const flows = settings.AllowedOAuthFlows ?? [];
  const scopes = settings.AllowedOAuthScopes ?? [];
  const oauthClient = settings.AllowedOAuthFlowsUserPoolClient === true;
  if (oauthClient && (flows.length === 0 || scopes.length === 0)) {
    throw invalidParameter(
      'AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.',
    );
  }
  const redirecting = flows.includes('code') || flows.includes('implicit');
  if (flows.includes('client_credentials')) {
    if (redirecting) {
      throw invalidFlow('client_credentials flow can not be selected along with code flow or implicit flow.');
    }
    if (!context.hasSecret) {
      throw invalidFlow(
        'client_credentials flow can not be selected if client does not have a client secret.',
      );
    }
  }
  const callbacks = settings.CallbackURLs ?? [];
  if (oauthClient && redirecting && callbacks.length === 0) {
    throw invalidFlow('CallbackUrls can not be empty when code flow or implicit flow is selected');
  }
  for (const url of [...callbacks, ...(settings.LogoutURLs ?? [])]) assertRedirectUrl(url);
  const fallback = settings.DefaultRedirectURI;
  if (fallback !== undefined) {
    assertRedirectUrl(fallback);
    if (!callbacks.includes(fallback)) {
      throw invalidParameter(`The default redirect URI ${fallback} is not in the callback URIs list.`);
    }
  }
  for (const scope of scopes) {
    if (!STANDARD_SCOPES.has(scope) && !context.customScopes.has(scope)) {
      throw new CognitoError('ScopeDoesNotExistException', `Invalid scope requested: ${scope}`);
    }
  }
  for (const provider of settings.SupportedIdentityProviders ?? []) {
    if (provider !== 'COGNITO')
      throw invalidParameter(`The provider ${provider} does not exist for User Pool`);
  }
}

/**
 * A redirect (callback or sign-out) URL: absolute, without a fragment, and HTTPS unless it is
 * plain HTTP to the local machine (`localhost`, 127.0.0.1, [::1]); app schemes such as
 * `myapp://callback` are allowed, as AWS allows them.
 */
export function assertRedirectUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidParameter(`${url} is not a valid URL.`);
  }
  if (url.includes('#')) throw invalidParameter(`${url} cannot use fragment`);
  if (parsed.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) {
    throw invalidParameter(`${url} cannot use the HTTP protocol.`);
  }
}
