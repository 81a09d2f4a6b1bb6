import { SetMetadata } from '@nestjs/common';

export const COGNITO_GROUPS = Symbol('nest-cognito:groups');

/** A group requirement: the caller's `cognito:groups` must hold `any` or `all` of `groups`. */
export interface GroupRequirement {
  mode: 'any' | 'all';
  groups: string[];
}

/**
 * Only callers in at least one of these Cognito groups (403 otherwise). On a class and a method,
 * the method's requirement applies.
 */
export const Groups = Object.assign(
  (...groups: string[]) => SetMetadata<symbol, GroupRequirement>(COGNITO_GROUPS, { mode: 'any', groups }),
  {
    /** Only callers in every one of these Cognito groups. */
    all: (...groups: string[]) =>
      SetMetadata<symbol, GroupRequirement>(COGNITO_GROUPS, { mode: 'all', groups }),
  },
);
