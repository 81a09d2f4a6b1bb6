import { HttpStatus } from '@nestjs/common';

/**
 * The `code` of every error that is not Cognito's: the request itself is wrong (before or beside
 * any Cognito call), or the server failed. Each has a fixed message: the framework's own messages
 * may quote the body (a JSON parser's does), and a body may hold a password.
 */
export const HTTP_ERROR_TABLE = {
  BAD_REQUEST: { status: HttpStatus.BAD_REQUEST, message: 'The request is malformed.' },
  INVALID_JSON: { status: HttpStatus.BAD_REQUEST, message: 'The body is not valid JSON.' },
  EMPTY_JSON_BODY: {
    status: HttpStatus.BAD_REQUEST,
    message: 'The body is empty although Content-Type says JSON.',
  },
  INVALID_URL: { status: HttpStatus.BAD_REQUEST, message: 'The URL is not valid (bad percent-encoding).' },
  UNAUTHORIZED: { status: HttpStatus.UNAUTHORIZED, message: 'Unauthorized.' },
  FORBIDDEN: { status: HttpStatus.FORBIDDEN, message: 'Forbidden.' },
  NOT_FOUND: { status: HttpStatus.NOT_FOUND, message: 'No such route.' },
  METHOD_NOT_ALLOWED: { status: HttpStatus.METHOD_NOT_ALLOWED, message: 'Method not allowed.' },
  NOT_ACCEPTABLE: { status: HttpStatus.NOT_ACCEPTABLE, message: 'Not acceptable.' },
  REQUEST_TIMEOUT: { status: HttpStatus.REQUEST_TIMEOUT, message: 'The request took too long to arrive.' },
  CONFLICT: { status: HttpStatus.CONFLICT, message: 'Conflict.' },
  LENGTH_REQUIRED: { status: HttpStatus.LENGTH_REQUIRED, message: 'Content-Length is required.' },
  PAYLOAD_TOO_LARGE: { status: HttpStatus.PAYLOAD_TOO_LARGE, message: 'The body is too large.' },
  URI_TOO_LONG: { status: HttpStatus.URI_TOO_LONG, message: 'The URL is too long.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    message: 'The body must be JSON: send it with Content-Type: application/json.',
  },
  UNPROCESSABLE_ENTITY: { status: HttpStatus.UNPROCESSABLE_ENTITY, message: 'Unprocessable request.' },
  TOO_MANY_REQUESTS: { status: HttpStatus.TOO_MANY_REQUESTS, message: 'Too many requests; slow down.' },
  HEADERS_TOO_LARGE: {
    status: 431, // Request Header Fields Too Large (RFC 6585); not in Nest's HttpStatus
    message: 'The request headers (or the URL) are too large.',
  },
  INTERNAL_ERROR: { status: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error.' },
  NOT_IMPLEMENTED: { status: HttpStatus.NOT_IMPLEMENTED, message: 'Not implemented.' },
  BAD_GATEWAY: { status: HttpStatus.BAD_GATEWAY, message: 'Bad gateway.' },
  SERVICE_UNAVAILABLE: { status: HttpStatus.SERVICE_UNAVAILABLE, message: 'Service unavailable.' },
  GATEWAY_TIMEOUT: { status: HttpStatus.GATEWAY_TIMEOUT, message: 'Gateway timeout.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type HttpErrorCode = keyof typeof HTTP_ERROR_TABLE;

/** The generic code of a status (`404` → `NOT_FOUND`); `HTTP_<status>` for one without. */
export function codeOfStatus(status: number): string {
  for (const [code, entry] of Object.entries(HTTP_ERROR_TABLE)) {
    if (entry.status === status && !SPECIFIC_CODES.has(code)) return code;
  }
  return status >= 500 ? 'INTERNAL_ERROR' : `HTTP_${status}`;
}

/** Codes that name one cause among several of their status; never chosen from the status alone. */
const SPECIFIC_CODES = new Set<string>(['INVALID_JSON', 'EMPTY_JSON_BODY', 'INVALID_URL']);
