import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CognitoUser } from '../tokens/cognito-user.js';

/** Where `CognitoAuthGuard` leaves the caller and the raw token on the request. */
export const COGNITO_USER = 'user';
export const COGNITO_ACCESS_TOKEN = Symbol('nest-cognito:access-token');

export interface CognitoRequest {
  [COGNITO_USER]?: CognitoUser;
  [COGNITO_ACCESS_TOKEN]?: string;
}

/** The verified caller (`CognitoUser`), or one of its fields: `@CurrentUser('sub')`. */
export const CurrentUser = createParamDecorator(
  (field: keyof CognitoUser | undefined, context: ExecutionContext) => {
    const user = context.switchToHttp().getRequest<CognitoRequest>()[COGNITO_USER];
    return field ? user?.[field] : user;
  },
);

/** The raw access token the caller presented. */
export const AccessToken = createParamDecorator(
  (_: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<CognitoRequest>()[COGNITO_ACCESS_TOKEN],
);
