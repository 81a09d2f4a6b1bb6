import { SetMetadata } from '@nestjs/common';

export const COGNITO_POOLS = Symbol('nest-cognito:pools');

/**
 * The pools whose tokens a controller or route accepts, by their names in `trustedPools`;
 * `'default'` is the main pool. Without it a route accepts the main pool only. A token of another
 * pool is a 401, as any token not meant for this route. On a class and a method, the method's list
 * applies. Every name is checked against the options when the application starts.
 */
export const CognitoPools = (...pools: [string, ...string[]]) =>
  SetMetadata<symbol, readonly string[]>(COGNITO_POOLS, pools);
