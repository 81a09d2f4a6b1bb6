import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { CognitoException } from '../errors/cognito.exception.js';

type Headers = Record<string, string | string[] | undefined>;

/**
 * nest-cognito's routes take JSON only. A request that carries a body of any other type (a
 * cross-site HTML form posts `application/x-www-form-urlencoded`, `multipart/form-data` or
 * `text/plain` without a CORS preflight) is refused with 415 `UNSUPPORTED_MEDIA_TYPE`, whatever
 * parsers the application registered. A request without a body passes (validation then speaks).
 */
@Injectable()
export class CognitoJsonBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const headers = (context.switchToHttp().getRequest<{ headers?: Headers }>()?.headers ?? {}) as Headers;
    if (!carriesBody(headers) || isJson(headers['content-type'])) return true;
    throw new CognitoException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'UNSUPPORTED_MEDIA_TYPE',
      'The body must be JSON: send it with Content-Type: application/json.',
    );
  }
}

/** Whether the request announces a body: a non-zero Content-Length, or a Transfer-Encoding. */
export function carriesBody(headers: Headers): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return length !== undefined && String(length).trim() !== '0';
}

/** `application/json`, with no parameter but an optional `charset=utf-8` (JSON is UTF-8: RFC 8259). */
export function isJson(contentType: string | string[] | undefined): boolean {
  if (typeof contentType !== 'string') return false;
  const [type, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return parameters.every(
    (parameter) => parameter === '' || /^charset=("?)utf-8\1$/.test(parameter.replace(/\s*=\s*/, '=')),
  );
}
