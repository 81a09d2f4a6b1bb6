import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = Symbol('nest-cognito:public');

/** Opts a controller or a route out of `CognitoAuthGuard`, when the guard is global. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
