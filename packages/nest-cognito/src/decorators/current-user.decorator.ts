import { createParamDecorator, type ExecutionContext, type PipeTransform, type Type } from '@nestjs/common';
import { requestOf } from '../guards/token-sources.js';
import type { CognitoUser } from '../tokens/cognito-user.js';

/** Where `CognitoAuthGuard` leaves the caller and the raw token on the request (or socket). */
export const COGNITO_USER = 'user';
export const COGNITO_ACCESS_TOKEN = Symbol('nest-cognito:access-token');

export interface CognitoRequest {
  [COGNITO_USER]?: CognitoUser;
  [COGNITO_ACCESS_TOKEN]?: string;
}

/**
 * A parameter decorator taking its data (`D`) and pipes, as Nest 11 and 12 both declare it (their own
 * declarations differ: Nest 12 adds options Nest 11 lacks, which must not reach the published types).
 */
export type CognitoParamDecorator<D> = (
  ...dataOrPipes: (D | PipeTransform | Type<PipeTransform>)[]
) => ParameterDecorator;

/**
 * The verified caller (`CognitoUser`), or one of its fields: `@CurrentUser('sub')`. `undefined`
 * on `@OptionalAuth()` routes called anonymously. Works over HTTP, Socket.IO and GraphQL.
 */
export const CurrentUser: CognitoParamDecorator<keyof CognitoUser | undefined> = createParamDecorator(
  (field: keyof CognitoUser | undefined, context: ExecutionContext) => {
    const user = (requestOf(context) as CognitoRequest)[COGNITO_USER];
    return field ? user?.[field] : user;
  },
);

/** The raw token the caller presented. */
export const AccessToken: CognitoParamDecorator<undefined> = createParamDecorator(
  (_: unknown, context: ExecutionContext) => (requestOf(context) as CognitoRequest)[COGNITO_ACCESS_TOKEN],
);
