import { HttpStatus } from '@nestjs/common';

/**
 * Every Cognito error by name, with the HTTP status and the stable machine-readable `code` that
 * nest-cognito answers with. Anything not listed is a 502 (`COGNITO_ERROR`): the application or
 * Cognito is at fault, never the client.
 */
export const COGNITO_ERROR_TABLE: Readonly<Record<string, { status: HttpStatus; code: string }>> = {
  UsernameExistsException: { status: HttpStatus.CONFLICT, code: 'USERNAME_EXISTS' },
  AliasExistsException: { status: HttpStatus.CONFLICT, code: 'ALIAS_EXISTS' },
  GroupExistsException: { status: HttpStatus.CONFLICT, code: 'GROUP_EXISTS' },
  InvalidPasswordException: { status: HttpStatus.BAD_REQUEST, code: 'INVALID_PASSWORD' },
  InvalidParameterException: { status: HttpStatus.BAD_REQUEST, code: 'INVALID_PARAMETER' },
  CodeMismatchException: { status: HttpStatus.BAD_REQUEST, code: 'CODE_MISMATCH' },
  ExpiredCodeException: { status: HttpStatus.BAD_REQUEST, code: 'EXPIRED_CODE' },
  CodeDeliveryFailureException: { status: HttpStatus.BAD_GATEWAY, code: 'CODE_DELIVERY_FAILED' },
  NotAuthorizedException: { status: HttpStatus.UNAUTHORIZED, code: 'NOT_AUTHORIZED' },
  UserNotConfirmedException: { status: HttpStatus.FORBIDDEN, code: 'USER_NOT_CONFIRMED' },
  PasswordResetRequiredException: { status: HttpStatus.FORBIDDEN, code: 'PASSWORD_RESET_REQUIRED' },
  UserNotFoundException: { status: HttpStatus.NOT_FOUND, code: 'USER_NOT_FOUND' },
  ResourceNotFoundException: { status: HttpStatus.NOT_FOUND, code: 'RESOURCE_NOT_FOUND' },
  LimitExceededException: { status: HttpStatus.TOO_MANY_REQUESTS, code: 'TOO_MANY_REQUESTS' },
  TooManyRequestsException: { status: HttpStatus.TOO_MANY_REQUESTS, code: 'TOO_MANY_REQUESTS' },
  TooManyFailedAttemptsException: { status: HttpStatus.TOO_MANY_REQUESTS, code: 'TOO_MANY_FAILED_ATTEMPTS' },
  InvalidUserPoolConfigurationException: { status: HttpStatus.BAD_GATEWAY, code: 'POOL_MISCONFIGURED' },
  UnsupportedOperationException: { status: HttpStatus.NOT_IMPLEMENTED, code: 'UNSUPPORTED_OPERATION' },
  InternalErrorException: { status: HttpStatus.BAD_GATEWAY, code: 'COGNITO_INTERNAL_ERROR' },
  UnsupportedUserStateException: { status: HttpStatus.CONFLICT, code: 'UNSUPPORTED_USER_STATE' },
  UnsupportedTokenTypeException: { status: HttpStatus.BAD_REQUEST, code: 'UNSUPPORTED_TOKEN_TYPE' },
  UserLambdaValidationException: { status: HttpStatus.BAD_REQUEST, code: 'REJECTED_BY_TRIGGER' },
  InvalidLambdaResponseException: { status: HttpStatus.BAD_GATEWAY, code: 'TRIGGER_FAILED' },
  UnexpectedLambdaException: { status: HttpStatus.BAD_GATEWAY, code: 'TRIGGER_FAILED' },
  InvalidSmsRoleAccessPolicyException: { status: HttpStatus.BAD_GATEWAY, code: 'POOL_MISCONFIGURED' },
  InvalidSmsRoleTrustRelationshipException: { status: HttpStatus.BAD_GATEWAY, code: 'POOL_MISCONFIGURED' },
  InvalidEmailRoleAccessPolicyException: { status: HttpStatus.BAD_GATEWAY, code: 'POOL_MISCONFIGURED' },
  InvalidOAuthFlowException: { status: HttpStatus.BAD_GATEWAY, code: 'POOL_MISCONFIGURED' },
  ForbiddenException: { status: HttpStatus.FORBIDDEN, code: 'FORBIDDEN' },
  UnauthorizedException: { status: HttpStatus.BAD_GATEWAY, code: 'CLIENT_MISCONFIGURED' },
  ConcurrentModificationException: { status: HttpStatus.CONFLICT, code: 'CONCURRENT_MODIFICATION' },
  UserImportInProgressException: { status: HttpStatus.CONFLICT, code: 'USER_IMPORT_IN_PROGRESS' },
  PreconditionNotMetException: { status: HttpStatus.PRECONDITION_FAILED, code: 'PRECONDITION_NOT_MET' },
  MFAMethodNotFoundException: { status: HttpStatus.BAD_REQUEST, code: 'MFA_METHOD_NOT_FOUND' },
  SoftwareTokenMFANotFoundException: { status: HttpStatus.BAD_REQUEST, code: 'MFA_METHOD_NOT_FOUND' },
  EnableSoftwareTokenMFAException: { status: HttpStatus.BAD_REQUEST, code: 'CODE_MISMATCH' },
  MissingAuthenticationTokenException: { status: HttpStatus.BAD_GATEWAY, code: 'AWS_CREDENTIALS_MISSING' },
  AccessDeniedException: { status: HttpStatus.BAD_GATEWAY, code: 'AWS_ACCESS_DENIED' },
  UnrecognizedClientException: { status: HttpStatus.BAD_GATEWAY, code: 'AWS_ACCESS_DENIED' },
  ExpiredTokenException: { status: HttpStatus.BAD_GATEWAY, code: 'AWS_CREDENTIALS_EXPIRED' },
};

/** When Cognito cannot be reached or does not answer in time. */
export const COGNITO_UNAVAILABLE = {
  status: HttpStatus.SERVICE_UNAVAILABLE,
  code: 'COGNITO_UNAVAILABLE',
} as const;
/** A Cognito error that is not in the table. */
export const COGNITO_ERROR = { status: HttpStatus.BAD_GATEWAY, code: 'COGNITO_ERROR' } as const;
/** A Cognito answer that shows the server's app client configuration is wrong (secret, auth flows). */
export const CLIENT_MISCONFIGURED = { status: HttpStatus.BAD_GATEWAY, code: 'CLIENT_MISCONFIGURED' } as const;
/** The SDK found no AWS credentials to sign an admin request with (the server's configuration). */
export const AWS_CREDENTIALS_MISSING = {
  status: HttpStatus.BAD_GATEWAY,
  code: 'AWS_CREDENTIALS_MISSING',
} as const;
