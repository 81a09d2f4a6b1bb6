import { HttpException, type HttpStatus } from '@nestjs/common';
import {
  AWS_CREDENTIALS_MISSING,
  CLIENT_MISCONFIGURED,
  COGNITO_ERROR,
  COGNITO_ERROR_CODES,
  COGNITO_ERROR_TABLE,
  COGNITO_UNAVAILABLE,
  type CognitoOperationErrorCode,
  isCognitoErrorName,
} from './cognito-error-codes.js';
import { HTTP_ERROR_TABLE, type HttpErrorCode } from './http-error-codes.js';

/** Every `code` a `CognitoException` carries: an operation's (`COGNITO_ERROR_CODES`) or an HTTP one. */
export type CognitoErrorCode = CognitoOperationErrorCode | HttpErrorCode;

/** The body of every error nest-cognito answers with. */
export interface CognitoErrorBody {
  statusCode: number;
  code: string;
  message: string | string[];
}

/**
 * An error from a nest-cognito operation, already mapped to HTTP: Nest renders it as
 * `{ statusCode, code, message }` with no filter needed. `cognitoName` is the Cognito error it
 * came from, when it came from one.
 */
export class CognitoException<C extends CognitoErrorCode = CognitoErrorCode> extends HttpException {
  readonly code: C;

  /** The exception of an operation's code, with the status `COGNITO_ERROR_CODES` gives it. */
  static of<C extends CognitoOperationErrorCode>(
    code: C,
    message: string | string[],
    cognitoName?: string,
    options?: { cause?: unknown },
  ): CognitoException<C> {
    return new CognitoException(COGNITO_ERROR_CODES[code], code, message, cognitoName, options);
  }

  constructor(
    status: HttpStatus,
    code: C,
    message: string | string[],
    readonly cognitoName?: string,
    options?: { cause?: unknown },
  ) {
    super({ statusCode: status, code, message } satisfies CognitoErrorBody, status, options);
    this.code = code;
  }
}

/**
 * Whether `error` is a `CognitoException`, with one of the given codes when any are given; narrows
 * `code` to them: `if (isCognitoError(error, 'USER_NOT_FOUND')) ...`.
 */
export function isCognitoError<C extends CognitoErrorCode>(
  error: unknown,
  ...codes: C[]
): error is CognitoException<C> {
  return error instanceof CognitoException && (codes.length === 0 || codes.includes(error.code as C));
}

const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'TimeoutError',
  'RequestTimeout',
  'AbortError',
]);

/**
 * Maps whatever the AWS SDK threw to a `CognitoException`. Cognito's own message is kept (it
 * names no secret); unknown failures get a generic message so that nothing internal leaks.
 */
export function toCognitoException(error: unknown): CognitoException {
  if (error instanceof CognitoException) return error;
  const e = error as { name?: string; code?: string; message?: string; $metadata?: unknown; $fault?: string };
  const name = e?.name ?? '';
  const entry = isCognitoErrorName(name) ? COGNITO_ERROR_TABLE[name] : undefined;
  if (entry && e.$metadata !== undefined && isMisconfiguration(name, e.message ?? '')) {
    return new CognitoException(
      CLIENT_MISCONFIGURED.status,
      CLIENT_MISCONFIGURED.code,
      'The server’s Cognito app client is misconfigured.',
      name,
      { cause: error },
    );
  }
  if (entry && e.$metadata !== undefined) {
    return new CognitoException(entry.status, entry.code, e.message || name, name, { cause: error });
  }
  if (isMissingCredentials(name, e?.message)) {
    return new CognitoException(
      AWS_CREDENTIALS_MISSING.status,
      AWS_CREDENTIALS_MISSING.code,
      'The server has no AWS credentials for Cognito’s admin API: the AWS SDK default provider chain found none (environment, shared config or SSO profile, container or instance role).',
      name,
      { cause: error },
    );
  }
  if (isRequestTooLarge(e)) {
    // Only the client's input can make a request that large (nest-cognito adds a few hundred bytes).
    return new CognitoException(
      HTTP_ERROR_TABLE.PAYLOAD_TOO_LARGE.status,
      'PAYLOAD_TOO_LARGE',
      'The request is too large for Cognito.',
      name || undefined,
      { cause: error },
    );
  }
  if (NETWORK_ERRORS.has(name) || (e?.code && NETWORK_ERRORS.has(e.code)) || isNetworkCause(error)) {
    return new CognitoException(
      COGNITO_UNAVAILABLE.status,
      COGNITO_UNAVAILABLE.code,
      'Cognito is unreachable; try again later.',
      undefined,
      { cause: error },
    );
  }
  if (e?.$metadata !== undefined && e.$fault === 'client' && name) {
    return new CognitoException(
      COGNITO_ERROR.status,
      COGNITO_ERROR.code,
      'Cognito rejected the request.',
      name,
      {
        cause: error,
      },
    );
  }
  return new CognitoException(
    COGNITO_ERROR.status,
    COGNITO_ERROR.code,
    'Cognito failed to answer.',
    name || undefined,
    {
      cause: error,
    },
  );
}

/**
 * Cognito refused the request for its size (over 1 MiB): answered 413, whatever the error's name
 * (`SerializationException` from the emulator; AWS's front end may name none).
 */
function isRequestTooLarge(e: { $metadata?: unknown } | undefined): boolean {
  const metadata = e?.$metadata as { httpStatusCode?: unknown } | undefined;
  return metadata?.httpStatusCode === 413;
}

/**
 * The SDK could not sign a request: no provider of the default chain (or the given provider) had
 * credentials. The SDK throws this itself, before any request: it has no `$metadata`.
 */
function isMissingCredentials(name: string, message: unknown): boolean {
  return (
    name === 'CredentialsProviderError' ||
    (typeof message === 'string' && message.startsWith('Could not load credentials from any providers'))
  );
}

/**
 * Errors Cognito words as the caller's but that are the server's: a wrong or missing client secret,
 * an auth flow the app client does not enable. Never the end user's to fix: 502, without details.
 */
function isMisconfiguration(name: string, message: string): boolean {
  if (name === 'NotAuthorizedException') return /SECRET_HASH|secret hash/.test(message);
  if (name === 'InvalidParameterException')
    return /flow not enabled for this client|Initiate Auth method not supported/.test(message);
  return false;
}

/** Codes of network failures, as they appear in messages of errors wrapped by the SDK. */
const NETWORK_CODE_IN_MESSAGE =
  /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|EHOSTUNREACH)\b/;

function isNetworkCause(error: unknown): boolean {
  // Across realms (test runners' VM contexts) the SDK wraps a socket error and keeps only its text.
  const message = (error as { message?: unknown })?.message;
  if (
    typeof message === 'string' &&
    message.startsWith('AWS SDK error wrapper') &&
    NETWORK_CODE_IN_MESSAGE.test(message)
  ) {
    return true;
  }
  let cause = (error as { cause?: unknown })?.cause;
  for (let depth = 0; cause && depth < 3; depth++) {
    const code = (cause as { code?: string }).code;
    if (code && NETWORK_ERRORS.has(code)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
