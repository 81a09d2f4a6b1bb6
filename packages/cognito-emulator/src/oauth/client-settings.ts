import type { EmulatorContext } from '../context.js';
import { poolDomain } from '../services/oauth-config.js';
import type { Client, Pool } from '../services/model.js';

/**
 * What the OAuth 2.0 endpoints read of an app client's settings (validated when the client was
 * created or updated, stored as given): its flows, scopes and URLs.
 */

export type OAuthFlow = 'code' | 'implicit' | 'client_credentials';

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** Whether the client may use OAuth 2.0 at all (`AllowedOAuthFlowsUserPoolClient`). */
export const usesOAuth = (client: Client): boolean => client.config.AllowedOAuthFlowsUserPoolClient === true;

/** Whether the client may use this grant (`AllowedOAuthFlows`, and OAuth at all). */
export const allowsFlow = (client: Client, flow: OAuthFlow): boolean =>
  usesOAuth(client) && strings(client.config.AllowedOAuthFlows).includes(flow);

/** The scopes the client may ask for (`AllowedOAuthScopes`). */
export const allowedScopes = (client: Client): string[] => strings(client.config.AllowedOAuthScopes);

/** The client's callback URLs: a `redirect_uri` must be exactly one of them. */
export const callbackUrls = (client: Client): string[] => strings(client.config.CallbackURLs);

/** The client's sign-out URLs: a `logout_uri` must be exactly one of them. */
export const logoutUrls = (client: Client): string[] => strings(client.config.LogoutURLs);

/** Whether the client may refresh tokens of sign-ins made through the API (`ALLOW_REFRESH_TOKEN_AUTH`). */
export const refreshesApiSessions = (client: Client): boolean =>
  strings(client.config.ExplicitAuthFlows).includes('ALLOW_REFRESH_TOKEN_AUTH');

/**
 * A client and its pool, as the OAuth endpoints find them: a pool answers on them only once it has
 * a domain (on AWS the endpoints live on the domain). Undefined for an unknown client too.
 */
export function oauthClient(
  ctx: EmulatorContext,
  clientId: string | undefined,
): { client: Client; pool: Pool } | undefined {
  if (!clientId) return undefined;
  const client = ctx.pools.findClient(clientId);
  if (!client) return undefined;
  const pool = ctx.pools.findPool(client.poolId);
  if (!pool || !poolDomain(ctx, pool.id)) return undefined;
  return { client, pool };
}
