import type { EmulatorContext } from '../context.js';
import { currentSecrets, matchesAny } from './client-secrets.js';
import type { Client } from './model.js';
import { scopesOf } from './resource-servers.js';

/*
 * What the OAuth 2.0 endpoints (src/oauth/) read of a pool's OAuth configuration. The control
 * plane (domains, resource servers, client secrets) owns how it is stored; the endpoints only
 * call these three functions.
 */

/** The pool's domain prefix (or custom domain), or undefined when it has none: no OAuth endpoints then. */
export function poolDomain(ctx: EmulatorContext, poolId: string): string | undefined {
  return ctx.domains.ofPool(poolId)[0]?.domain; // the prefix domain first
}

/** Every custom scope the pool's resource servers define, as `identifier/scope`. */
export function resourceServerScopes(ctx: EmulatorContext, poolId: string): ReadonlySet<string> {
  return new Set(ctx.resourceServers.list(poolId, Number.MAX_SAFE_INTEGER).flatMap(scopesOf));
}

/** Whether `given` is one of the client's current secrets (one, or two during a rotation), in constant time. */
export function clientSecretMatches(_ctx: EmulatorContext, client: Client, given: string): boolean {
  return matchesAny(currentSecrets(client), given);
}
