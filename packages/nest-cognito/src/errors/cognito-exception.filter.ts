import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
  Optional,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { CognitoErrorBody } from './cognito.exception.js';
import { errorBodyOf } from './error-body.js';

/**
 * Answers every error of an HTTP request as `{ statusCode, code, message }` (see `errorBodyOf`):
 * nest-cognito's controllers use it for their routes; apply it globally (`applyCognitoErrorHandling`)
 * so that what happens before a route (unknown route, body too large, invalid JSON) answers alike.
 * Other contexts (GraphQL, microservices) are left to their own handling: the error is rethrown.
 */
@Catch()
export class CognitoExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('CognitoExceptionFilter');

  constructor(@Optional() private readonly adapterHost?: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const body = errorBodyOf(exception);
    if (body.statusCode >= 500 && !(exception instanceof HttpException)) {
      const error = exception as { name?: unknown; stack?: unknown };
      this.logger.error(
        `Unhandled ${typeof error?.name === 'string' ? error.name : typeof exception}`,
        typeof error?.stack === 'string' ? error.stack : undefined,
      );
    }
    const response = host.switchToHttp().getResponse<unknown>();
    const adapter = this.adapterHost?.httpAdapter;
    if (adapter) adapter.reply(response, body, body.statusCode);
    else sendJson(response, body);
  }
}

/** Without Nest's adapter at hand: Fastify's reply, Express' response or Node's. */
function sendJson(response: unknown, body: CognitoErrorBody): void {
  const r = response as Record<string, (...args: unknown[]) => unknown> & { headersSent?: boolean };
  const text = JSON.stringify(body);
  if (typeof r.code === 'function' && typeof r.send === 'function') {
    (r.code(body.statusCode) as typeof r).header!('content-type', 'application/json; charset=utf-8');
    r.send(text);
  } else if (typeof r.status === 'function' && typeof r.json === 'function') {
    (r.status(body.statusCode) as typeof r).json!(body);
  } else if (typeof r.writeHead === 'function' && !r.headersSent) {
    r.writeHead(body.statusCode, { 'content-type': 'application/json; charset=utf-8' });
    r.end!(text);
  }
}
