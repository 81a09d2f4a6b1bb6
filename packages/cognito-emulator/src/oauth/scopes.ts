import type { EmulatorContext } from '../context.js';
import { resourceServerScopes } from '../services/oauth-config.js';
import type { Client, Pool } from '../services/model.js';
import { USER_ADMIN_SCOPE } from '../services/tokens.js';
import { allowedScopes } from './client-settings.js';
import { invalidScope } from './errors.js';

/** The OpenID Connect scopes; `email`, `phone` and `profile` need `openid` too. */
export const OPENID = 'openid';
const OPENID_CLAIM_SCOPES = new Set(['email', 'phone', 'profile']);
const RESERVED_SCOPES = new Set([OPENID, ...OPENID_CLAIM_SCOPES, USER_ADMIN_SCOPE]);

/** The scopes of a `scope` parameter (space-separated), each once; undefined when absent. */
export function scopesOf(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return [...new Set(value.split(' ').filter(Boolean))];
}

/**
 * Whether a scope of the client's list is one the pool has: a reserved one, or a custom one of a
 * resource server that still exists.
 */
function exists(ctx: EmulatorContext, pool: Pool, scope: string): boolean {
  return RESERVED_SCOPES.has(scope) || resourceServerScopes(ctx, pool.id).has(scope);
}

/**
 * The scopes a user grants at the authorization endpoint: those asked for (all the client's when
 * none), each one the client is allowed and the pool has, `email`/`phone`/`profile` only with
 * `openid`. Anything else is `invalid_scope`, as on AWS.
 */
export function userScopes(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  requested: string[] | undefined,
): string[] {
  const allowed = allowedScopes(client).filter((scope) => exists(ctx, pool, scope));
  const scopes = requested ?? allowed;
  if (scopes.length === 0 || scopes.some((scope) => !allowed.includes(scope))) throw invalidScope();
  if (!scopes.includes(OPENID) && scopes.some((scope) => OPENID_CLAIM_SCOPES.has(scope))) {
    throw invalidScope();
  }
  return scopes;
}

/**
 * The scopes of a client credentials grant: custom scopes only (resource servers'), those asked for
 * or, when none, all the client's; one the client is not allowed is `invalid_scope`.
 */
export function machineScopes(
  ctx: EmulatorContext,
  pool: Pool,
  client: Client,
  requested: string[] | undefined,
): string[] {
  const custom = resourceServerScopes(ctx, pool.id);
  const allowed = allowedScopes(client).filter((scope) => custom.has(scope));
  const scopes = requested ?? allowed;
  if (scopes.length === 0 || scopes.some((scope) => !allowed.includes(scope))) throw invalidScope();
  return scopes;
}
