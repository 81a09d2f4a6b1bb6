import { randomBytes } from 'node:crypto';

/**
 * What the emulated pool needs for OAuth 2.0: a domain (without one, a pool has no OAuth
 * endpoints), resource servers (the custom scopes of machine tokens and of `@Scopes()`), a machine
 * client allowed the client-credentials grant, and the users' app client allowed the authorization
 * code grant on the managed login.
 */

/** Resource servers by identifier, each with its scope names: `{ api: ['read', 'write'] }`. */
export type ResourceServers = Record<string, string[]>;

/** Without `resourceServers`: one server `api` with `read` and `write` (scopes `api/read`, `api/write`). */
export const DEFAULT_RESOURCE_SERVERS: ResourceServers = { api: ['read', 'write'] };

/**
 * The callback URL the users' app client always has, so that `signInWithManagedLogin()` works without
 * the application's: the managed login redirects there with the code, which is read, not followed.
 */
export const TESTING_CALLBACK = 'http://localhost/nest-cognito-testing/callback';

/** The scopes of a user's managed-login sign-in unless asked otherwise: OpenID's. */
export const DEFAULT_USER_SCOPES = ['openid', 'email', 'profile'];

/** The name of the machine client in the seed. */
export const MACHINE_CLIENT = 'machine';

/**
 * A domain prefix of its own (unique across one emulator; not `aws`, `amazon` or `cognito`, words
 * AWS reserves).
 */
export const testingDomain = (): string => `nest-testing-${randomBytes(5).toString('hex')}`;

/** Every custom scope of the resource servers, `<identifier>/<scope>`. */
export function customScopes(servers: ResourceServers): string[] {
  return Object.entries(servers).flatMap(([identifier, scopes]) =>
    scopes.map((scope) => `${identifier}/${scope}`),
  );
}

/** The servers as `CreateResourceServer` inputs (each scope described by its name). */
export function resourceServerInputs(servers: ResourceServers): Record<string, unknown>[] {
  return Object.entries(servers).map(([identifier, scopes]) => ({
    Identifier: identifier,
    Name: identifier,
    Scopes: scopes.map((scope) => ({ ScopeName: scope, ScopeDescription: scope })),
  }));
}

/**
 * A confidential client allowed the client-credentials grant and every custom scope: what a
 * service calling the application has. None without custom scopes (AWS requires one).
 */
export function machineClientSeed(scopes: string[]) {
  if (scopes.length === 0) return [];
  return [
    {
      name: MACHINE_CLIENT,
      generateSecret: true,
      settings: {
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: scopes,
      },
    },
  ];
}

/**
 * The OAuth settings of the users' app client: the authorization code grant (PKCE, no secret) on
 * the managed login, OpenID's scopes and the custom ones, the testing callback and the
 * application's own callback and sign-out URLs.
 */
export function userClientOAuth(scopes: string[], callbackUrls: string[], logoutUrls: string[]) {
  return {
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin', ...scopes],
    CallbackURLs: [...new Set([TESTING_CALLBACK, ...callbackUrls])],
    ...(logoutUrls.length > 0 ? { LogoutURLs: logoutUrls } : {}),
    SupportedIdentityProviders: ['COGNITO'],
  };
}
