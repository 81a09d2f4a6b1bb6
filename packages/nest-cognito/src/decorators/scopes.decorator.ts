import { SetMetadata } from '@nestjs/common';

export const COGNITO_SCOPES = Symbol('nest-cognito:scopes');

/** A scope requirement: the token's `scope` must hold `any` or `all` of `scopes`. */
export interface ScopeRequirement {
  mode: 'any' | 'all';
  scopes: string[];
}

/**
 * Only access tokens carrying at least one of these OAuth scopes (resource-server scopes such as
 * `orders/read`, or machine tokens of the client-credentials flow); 403 otherwise.
 */
export const Scopes = Object.assign(
  (...scopes: string[]) => SetMetadata<symbol, ScopeRequirement>(COGNITO_SCOPES, { mode: 'any', scopes }),
  {
    /** Only tokens carrying every one of these scopes. */
    all: (...scopes: string[]) =>
      SetMetadata<symbol, ScopeRequirement>(COGNITO_SCOPES, { mode: 'all', scopes }),
  },
);
