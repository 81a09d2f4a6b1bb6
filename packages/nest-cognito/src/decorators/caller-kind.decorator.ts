import { SetMetadata } from '@nestjs/common';

export const COGNITO_CALLER_KIND = Symbol('nest-cognito:caller-kind');

/** Who a route serves: people signed in to a pool, or machines (client-credentials tokens). */
export type CallerKind = 'users' | 'machines';

/**
 * Only people signed in to a pool: a machine token (client credentials) is refused with 403.
 * For routes that act for a user (a profile, a basket) and read `username` or `email`.
 */
export const UsersOnly = () => SetMetadata<symbol, CallerKind>(COGNITO_CALLER_KIND, 'users');

/**
 * Only machine tokens (client credentials, usually with `@Scopes()`): a user's token is refused
 * with 403. For service-to-service routes that no person should call, even with the right scope.
 */
export const MachinesOnly = () => SetMetadata<symbol, CallerKind>(COGNITO_CALLER_KIND, 'machines');
