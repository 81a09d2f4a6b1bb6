import { HttpStatus } from '@nestjs/common';

/**
 * Every `code` a nest-cognito operation fails with, and its HTTP status: one code, one status.
 * `CognitoErrorCode` is built from this table, so a code that is not here does not type-check.
 */
export const COGNITO_ERROR_CODES = {
  // From Cognito's answers (see COGNITO_ERROR_TABLE).
  USERNAME_EXISTS: HttpStatus.CONFLICT,
  ALIAS_EXISTS: HttpStatus.CONFLICT,
  GROUP_EXISTS: HttpStatus.CONFLICT,
  DEVICE_KEY_EXISTS: HttpStatus.CONFLICT,
  INVALID_PASSWORD: HttpStatus.BAD_REQUEST,
  INVALID_PARAMETER: HttpStatus.BAD_REQUEST,
  CODE_MISMATCH: HttpStatus.BAD_REQUEST,
  EXPIRED_CODE: HttpStatus.BAD_REQUEST,
  CODE_DELIVERY_FAILED: HttpStatus.BAD_GATEWAY,
  NOT_AUTHORIZED: HttpStatus.UNAUTHORIZED,
  USER_NOT_CONFIRMED: HttpStatus.FORBIDDEN,
  PASSWORD_RESET_REQUIRED: HttpStatus.FORBIDDEN,
  USER_NOT_FOUND: HttpStatus.NOT_FOUND,
  RESOURCE_NOT_FOUND: HttpStatus.NOT_FOUND,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
  TOO_MANY_FAILED_ATTEMPTS: HttpStatus.TOO_MANY_REQUESTS,
  POOL_MISCONFIGURED: HttpStatus.BAD_GATEWAY,
  UNSUPPORTED_OPERATION: HttpStatus.NOT_IMPLEMENTED,
  COGNITO_INTERNAL_ERROR: HttpStatus.BAD_GATEWAY,
  UNSUPPORTED_USER_STATE: HttpStatus.CONFLICT,
  UNSUPPORTED_TOKEN_TYPE: HttpStatus.BAD_REQUEST,
  REJECTED_BY_TRIGGER: HttpStatus.BAD_REQUEST,
  TRIGGER_FAILED: HttpStatus.BAD_GATEWAY,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  CLIENT_MISCONFIGURED: HttpStatus.BAD_GATEWAY,
  CONCURRENT_MODIFICATION: HttpStatus.CONFLICT,
  USER_IMPORT_IN_PROGRESS: HttpStatus.CONFLICT,
  PRECONDITION_NOT_MET: HttpStatus.PRECONDITION_FAILED,
  MFA_METHOD_NOT_FOUND: HttpStatus.BAD_REQUEST,
  WEB_AUTHN_NOT_ENABLED: HttpStatus.BAD_REQUEST,
  WEB_AUTHN_CHALLENGE_NOT_FOUND: HttpStatus.BAD_REQUEST,
  WEB_AUTHN_CLIENT_MISMATCH: HttpStatus.BAD_REQUEST,
  WEB_AUTHN_ORIGIN_NOT_ALLOWED: HttpStatus.BAD_REQUEST,
  WEB_AUTHN_RELYING_PARTY_MISMATCH: HttpStatus.BAD_REQUEST,
  WEB_AUTHN_CREDENTIAL_NOT_SUPPORTED: HttpStatus.BAD_REQUEST,
  AWS_CREDENTIALS_MISSING: HttpStatus.BAD_GATEWAY,
  AWS_ACCESS_DENIED: HttpStatus.BAD_GATEWAY,
  AWS_CREDENTIALS_EXPIRED: HttpStatus.BAD_GATEWAY,
  // Around Cognito: unreachable, an unknown error, an answer nest-cognito cannot use.
  COGNITO_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  COGNITO_ERROR: HttpStatus.BAD_GATEWAY,
  UNSUPPORTED_CHALLENGE: HttpStatus.NOT_IMPLEMENTED,
  // nest-cognito's own: the input, the token, the revocation store.
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  INVALID_TOKEN: HttpStatus.UNAUTHORIZED,
  REVOCATION_STORE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
} as const satisfies Record<string, HttpStatus>;

/** The `code` of a `CognitoException` (besides the HTTP codes of `HTTP_ERROR_TABLE`). */
export type CognitoOperationErrorCode = keyof typeof COGNITO_ERROR_CODES;

/** Which code each Cognito error (by its name) becomes. */
const CODE_BY_COGNITO_NAME = {
  UsernameExistsException: 'USERNAME_EXISTS',
  AliasExistsException: 'ALIAS_EXISTS',
  GroupExistsException: 'GROUP_EXISTS',
  DeviceKeyExistsException: 'DEVICE_KEY_EXISTS',
  InvalidPasswordException: 'INVALID_PASSWORD',
  PasswordHistoryPolicyViolationException: 'INVALID_PASSWORD',
  InvalidParameterException: 'INVALID_PARAMETER',
  CodeMismatchException: 'CODE_MISMATCH',
  ExpiredCodeException: 'EXPIRED_CODE',
  CodeDeliveryFailureException: 'CODE_DELIVERY_FAILED',
  NotAuthorizedException: 'NOT_AUTHORIZED',
  RefreshTokenReuseException: 'NOT_AUTHORIZED',
  UserNotConfirmedException: 'USER_NOT_CONFIRMED',
  PasswordResetRequiredException: 'PASSWORD_RESET_REQUIRED',
  UserNotFoundException: 'USER_NOT_FOUND',
  ResourceNotFoundException: 'RESOURCE_NOT_FOUND',
  LimitExceededException: 'TOO_MANY_REQUESTS',
  TooManyRequestsException: 'TOO_MANY_REQUESTS',
  TooManyFailedAttemptsException: 'TOO_MANY_FAILED_ATTEMPTS',
  InvalidUserPoolConfigurationException: 'POOL_MISCONFIGURED',
  UnsupportedOperationException: 'UNSUPPORTED_OPERATION',
  OperationNotEnabledException: 'UNSUPPORTED_OPERATION',
  InternalErrorException: 'COGNITO_INTERNAL_ERROR',
  UnsupportedUserStateException: 'UNSUPPORTED_USER_STATE',
  UnsupportedTokenTypeException: 'UNSUPPORTED_TOKEN_TYPE',
  UserLambdaValidationException: 'REJECTED_BY_TRIGGER',
  InvalidLambdaResponseException: 'TRIGGER_FAILED',
  UnexpectedLambdaException: 'TRIGGER_FAILED',
  InvalidSmsRoleAccessPolicyException: 'POOL_MISCONFIGURED',
  InvalidSmsRoleTrustRelationshipException: 'POOL_MISCONFIGURED',
  InvalidEmailRoleAccessPolicyException: 'POOL_MISCONFIGURED',
  InvalidOAuthFlowException: 'POOL_MISCONFIGURED',
  FeatureUnavailableInTierException: 'POOL_MISCONFIGURED',
  ForbiddenException: 'FORBIDDEN',
  UnauthorizedException: 'CLIENT_MISCONFIGURED',
  ConcurrentModificationException: 'CONCURRENT_MODIFICATION',
  UserImportInProgressException: 'USER_IMPORT_IN_PROGRESS',
  PreconditionNotMetException: 'PRECONDITION_NOT_MET',
  MFAMethodNotFoundException: 'MFA_METHOD_NOT_FOUND',
  SoftwareTokenMFANotFoundException: 'MFA_METHOD_NOT_FOUND',
  EnableSoftwareTokenMFAException: 'CODE_MISMATCH',
  // Passkeys: the pool does not allow them (its sign-in policy), or a registration is refused.
  WebAuthnNotEnabledException: 'WEB_AUTHN_NOT_ENABLED',
  WebAuthnConfigurationMissingException: 'POOL_MISCONFIGURED',
  WebAuthnChallengeNotFoundException: 'WEB_AUTHN_CHALLENGE_NOT_FOUND',
  WebAuthnClientMismatchException: 'WEB_AUTHN_CLIENT_MISMATCH',
  WebAuthnOriginNotAllowedException: 'WEB_AUTHN_ORIGIN_NOT_ALLOWED',
  WebAuthnRelyingPartyMismatchException: 'WEB_AUTHN_RELYING_PARTY_MISMATCH',
  WebAuthnCredentialNotSupportedException: 'WEB_AUTHN_CREDENTIAL_NOT_SUPPORTED',
  MissingAuthenticationTokenException: 'AWS_CREDENTIALS_MISSING',
  AccessDeniedException: 'AWS_ACCESS_DENIED',
  UnrecognizedClientException: 'AWS_ACCESS_DENIED',
  ExpiredTokenException: 'AWS_CREDENTIALS_EXPIRED',
} as const satisfies Record<string, CognitoOperationErrorCode>;

/** A Cognito error name that nest-cognito maps to its own code. */
export type CognitoErrorName = keyof typeof CODE_BY_COGNITO_NAME;

/** A code with its status, as the table gives it. */
export interface CognitoErrorEntry<C extends CognitoOperationErrorCode = CognitoOperationErrorCode> {
  status: (typeof COGNITO_ERROR_CODES)[C];
  code: C;
}

const entryOf = <C extends CognitoOperationErrorCode>(code: C): CognitoErrorEntry<C> => ({
  status: COGNITO_ERROR_CODES[code],
  code,
});

/**
 * Every Cognito error by name, with the HTTP status and the stable machine-readable `code` that
 * nest-cognito answers with. Anything not listed is a 502 (`COGNITO_ERROR`): the application or
 * Cognito is at fault, never the client.
 */
export const COGNITO_ERROR_TABLE: Readonly<
  Record<CognitoErrorName, CognitoErrorEntry> & Record<string, CognitoErrorEntry>
> = Object.freeze(
  Object.fromEntries(
    Object.entries(CODE_BY_COGNITO_NAME).map(([name, code]) => [name, entryOf(code)]),
  ) as Record<CognitoErrorName, CognitoErrorEntry>,
);

/** Whether a Cognito error name is one of the table's. */
export const isCognitoErrorName = (name: string): name is CognitoErrorName =>
  Object.hasOwn(CODE_BY_COGNITO_NAME, name);

/** When Cognito cannot be reached or does not answer in time. */
export const COGNITO_UNAVAILABLE = entryOf('COGNITO_UNAVAILABLE');
/** A Cognito error that is not in the table. */
export const COGNITO_ERROR = entryOf('COGNITO_ERROR');
/** A Cognito answer that shows the server's app client configuration is wrong (secret, auth flows). */
export const CLIENT_MISCONFIGURED = entryOf('CLIENT_MISCONFIGURED');
/** The SDK found no AWS credentials to sign an admin request with (the server's configuration). */
export const AWS_CREDENTIALS_MISSING = entryOf('AWS_CREDENTIALS_MISSING');
