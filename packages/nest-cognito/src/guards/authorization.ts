import { type ExecutionContext, HttpStatus } from '@nestjs/common';
import type { CallerKind } from '../decorators/caller-kind.decorator.js';
import type { GroupRequirement } from '../decorators/groups.decorator.js';
import type { ScopeRequirement } from '../decorators/scopes.decorator.js';
import { CognitoException } from '../errors/cognito.exception.js';
import type { CognitoUser } from '../tokens/cognito-user.js';
import { wsError } from './ws-exception.js';

/**
 * What an authenticated caller may do: the checks of `@Groups()` and `@Scopes()`, and the 403 the
 * guards answer when a caller lacks something (`CognitoAuthGuard`, `CognitoAdminGroupGuard`).
 */

/** Whether `held` has `any` or `all` of `wanted`. */
export function satisfies(held: readonly string[], wanted: readonly string[], mode: 'any' | 'all'): boolean {
  return mode === 'all' ? wanted.every((w) => held.includes(w)) : wanted.some((w) => held.includes(w));
}

/** Why the user does not meet the group requirement; null when it does. Machines belong to no group. */
export function missingGroups(user: CognitoUser, requirement: GroupRequirement): string | null {
  if (user.isMachine) return 'Requires a signed-in user in a group; machine tokens belong to no group.';
  if (satisfies(user.groups, requirement.groups, requirement.mode)) return null;
  const which = requirement.mode === 'all' ? 'every one' : 'one';
  return `Requires membership of ${which} of the groups: ${requirement.groups.join(', ')}.`;
}

/** Why the user does not meet the scope requirement; null when it does. */
export function missingScopes(user: CognitoUser, requirement: ScopeRequirement): string | null {
  if (satisfies(user.scopes, requirement.scopes, requirement.mode)) return null;
  const which = requirement.mode === 'all' ? 'every one' : 'one';
  return `Requires ${which} of the scopes: ${requirement.scopes.join(', ')}.`;
}

/** Why the caller is not of the kind a route serves (`@UsersOnly()`, `@MachinesOnly()`); null when it is. */
export function wrongCallerKind(user: CognitoUser, kind: CallerKind | undefined): string | null {
  if (kind === 'users' && user.isMachine)
    return 'Requires a signed-in user; machine tokens are refused here.';
  if (kind === 'machines' && !user.isMachine) return 'Requires a machine token (client credentials).';
  return null;
}

/** Why the user is not a member of the one group a route needs; null when it is. */
export function missingGroup(user: CognitoUser | undefined, group: string): string | null {
  return user && satisfies(user.groups, [group], 'any') ? null : `Requires membership of the group ${group}.`;
}

/** The 403 `FORBIDDEN` of a guard, in the context's form (a `WsException` over Socket.IO). */
export function forbiddenError(context: ExecutionContext, message: string): Error {
  const body = { statusCode: HttpStatus.FORBIDDEN, code: 'FORBIDDEN' as const, message };
  if (context.getType<string>() === 'ws') return wsError(body);
  return new CognitoException(HttpStatus.FORBIDDEN, body.code, message);
}
