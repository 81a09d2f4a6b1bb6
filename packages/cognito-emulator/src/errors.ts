/**
 * An error answered on the wire the way Cognito answers it: HTTP 400 (500 for internal errors),
 * body `{ "__type": name, "message": message }` and header `x-amzn-ErrorType: name`.
 */
export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export const invalidParameter = (message: string) => new CognitoError('InvalidParameterException', message);
export const notAuthorized = (message: string) => new CognitoError('NotAuthorizedException', message);
export const resourceNotFound = (message: string) => new CognitoError('ResourceNotFoundException', message);
export const userNotFound = (message = 'User does not exist.') =>
  new CognitoError('UserNotFoundException', message);

export const INCORRECT_CREDENTIALS = 'Incorrect username or password.';
