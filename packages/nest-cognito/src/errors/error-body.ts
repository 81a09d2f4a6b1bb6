import { HttpException } from '@nestjs/common';
import type { CognitoErrorBody } from './cognito.exception.js';
import { codeOfStatus, HTTP_ERROR_TABLE, type HttpErrorCode } from './http-error-codes.js';

/**
 * The `{ statusCode, code, message }` body of anything thrown while handling a request:
 * - an `HttpException` keeps its status and message (a `CognitoException` its `code` too; others
 *   get the code of their status, `404` → `NOT_FOUND`);
 * - a parser's or router's error (Express' body-parser, Fastify) gets a precise code and a fixed
 *   message, never its own (which may quote the body);
 * - anything else is a 500 `INTERNAL_ERROR` that says nothing of its cause.
 */
export function errorBodyOf(exception: unknown): CognitoErrorBody {
  // Nest's adapters wrap a parser's error in an HttpException whose cause it is.
  const framework = frameworkBody(exception instanceof HttpException ? exception.cause : exception);
  if (framework) return framework;
  const unwrapped = nest11FrameworkCode(exception);
  if (unwrapped) return fixed(unwrapped);
  if (exception instanceof HttpException) return httpExceptionBody(exception);
  return fixed('INTERNAL_ERROR');
}

function frameworkBody(error: unknown): CognitoErrorBody | undefined {
  const code = frameworkCode(error);
  if (code) return fixed(code);
  const status = statusOf(error);
  if (status === undefined) return undefined;
  const byStatus = codeOfStatus(status);
  return byStatus in HTTP_ERROR_TABLE
    ? fixed(byStatus as HttpErrorCode)
    : { statusCode: status, code: byStatus, message: 'The request failed.' };
}

function fixed(code: HttpErrorCode): CognitoErrorBody {
  const { status, message } = HTTP_ERROR_TABLE[code];
  return { statusCode: status, code, message };
}

function httpExceptionBody(exception: HttpException): CognitoErrorBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const given: Record<string, unknown> =
    typeof response === 'object' && response !== null
      ? (response as Record<string, unknown>)
      : { message: response };
  const code = typeof given.code === 'string' && given.code !== '' ? given.code : codeOfStatus(status);
  const message = isMessage(given.message)
    ? routeNotFound(status, given.message)
    : ((HTTP_ERROR_TABLE as Record<string, { message: string }>)[code]?.message ?? exception.message);
  return { statusCode: status, code, message };
}

const isMessage = (value: unknown): value is string | string[] =>
  typeof value === 'string' || (Array.isArray(value) && value.every((entry) => typeof entry === 'string'));

/** The longest path an unknown route's message quotes. */
const MAX_QUOTED_ROUTE = 256;
/** A path quoted as it came: printable ASCII only (a raw URL is percent-encoded). */
const PRINTABLE_PATH = /^[\x21-\x7e]+$/;
const NO_ROUTE = 'No route matches the request.';

/**
 * Nest's "Cannot GET /path?query" for an unknown route, without the query (it may carry a secret);
 * the path only when it is printable ASCII of at most 256 characters, else a fixed message:
 * control characters or megabytes of path never come back.
 */
function routeNotFound(status: number, message: string | string[]): string | string[] {
  if (status !== 404 || typeof message !== 'string') return message;
  const match = /^Cannot ([A-Z]{1,20}) ([^]*)$/.exec(message);
  if (!match) return message;
  const path = match[2]!.split(/[?#]/, 1)[0]!;
  return path.length <= MAX_QUOTED_ROUTE && PRINTABLE_PATH.test(path)
    ? `Cannot ${match[1]} ${path}`
    : NO_ROUTE;
}

/** Errors of Express' body-parser (`type`) and router, and of Fastify (`code`), by cause. */
const BY_TYPE: Record<string, HttpErrorCode> = {
  'entity.parse.failed': 'INVALID_JSON',
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'parameters.too.many': 'PAYLOAD_TOO_LARGE',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'request.aborted': 'BAD_REQUEST',
  'request.size.invalid': 'BAD_REQUEST',
};
const BY_CODE: Record<string, HttpErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'EMPTY_JSON_BODY',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_BAD_URL: 'INVALID_URL',
};

function frameworkCode(exception: unknown): HttpErrorCode | undefined {
  const e = exception as { type?: unknown; code?: unknown; name?: unknown; message?: unknown } | null;
  if (typeof e !== 'object' || e === null) return undefined;
  if (typeof e.type === 'string' && BY_TYPE[e.type]) return BY_TYPE[e.type];
  if (typeof e.code === 'string' && BY_CODE[e.code]) return BY_CODE[e.code];
  const status = statusOf(exception);
  if (status === 400 && e.name === 'SyntaxError') return 'INVALID_JSON';
  if (status === 400 && typeof e.message === 'string' && e.message.startsWith('Failed to decode param'))
    return 'INVALID_URL';
  return undefined;
}

/**
 * Nest 11 wraps a parser's error without its cause: Express' `SyntaxError` / `URIError` as a
 * `BadRequestException` with the error's message, a Fastify error as an `HttpException` with its
 * message. Those are told apart by the framework's own fixed wording, only on a 400 that carries no
 * `code` of ours.
 */
const NEST11_MESSAGES: readonly [RegExp, HttpErrorCode][] = [
  [/^Body cannot be empty when content-type is set to/, 'EMPTY_JSON_BODY'],
  [/^Body is not valid JSON but content-type is set to/, 'INVALID_JSON'],
  [/^Object contains forbidden prototype property$/, 'INVALID_JSON'],
  [/^Failed to decode param /, 'INVALID_URL'],
  [/\bJSON\b/, 'INVALID_JSON'],
];

function nest11FrameworkCode(exception: unknown): HttpErrorCode | undefined {
  if (!(exception instanceof HttpException) || exception.cause !== undefined) return undefined;
  if (exception.getStatus() !== 400) return undefined;
  const response = exception.getResponse();
  const wrapped =
    typeof response === 'string' ||
    (typeof response === 'object' &&
      response !== null &&
      !('code' in response) &&
      (response as { error?: unknown }).error === 'Bad Request');
  if (!wrapped) return undefined;
  return NEST11_MESSAGES.find(([pattern]) => pattern.test(exception.message))?.[1];
}

/** The HTTP status an error from a framework carries (`status` or `statusCode`, 400-599). */
function statusOf(exception: unknown): number | undefined {
  const e = exception as { status?: unknown; statusCode?: unknown } | null;
  if (typeof e !== 'object' || e === null) return undefined;
  const status = typeof e.statusCode === 'number' ? e.statusCode : e.status;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599
    ? status
    : undefined;
}
