import { SetMetadata } from '@nestjs/common';

export const IS_OPTIONAL_AUTH = Symbol('nest-cognito:optional-auth');

/**
 * The route serves anonymous callers too: with a valid token `@CurrentUser()` is the caller,
 * without one it is `undefined`. A token that is sent but invalid is still a 401.
 */
export const OptionalAuth = () => SetMetadata(IS_OPTIONAL_AUTH, true);
