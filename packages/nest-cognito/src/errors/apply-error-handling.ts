import type { INestApplication } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { cognitoClientErrorHandler } from './client-error.handler.js';
import { CognitoExceptionFilter } from './cognito-exception.filter.js';
import { errorBodyOf } from './error-body.js';

/**
 * Makes every error the application answers `{ statusCode, code, message }`, not only those of
 * nest-cognito's routes: unknown routes (404 `NOT_FOUND`), bodies too large (413
 * `PAYLOAD_TOO_LARGE`), invalid JSON (400 `INVALID_JSON`), and requests Node's parser refuses (431
 * `HEADERS_TOO_LARGE`, 400 `BAD_REQUEST`). Installs `CognitoExceptionFilter` globally and, when the
 * HTTP server has no `clientError` listener of its own (Express), `cognitoClientErrorHandler`.
 * On Fastify, also create the adapter with `cognitoFastifyOptions()`: Fastify answers those
 * requests itself.
 */
export function applyCognitoErrorHandling<T extends INestApplication>(app: T): T {
  app.useGlobalFilters(new CognitoExceptionFilter(app.get(HttpAdapterHost)));
  const server = app.getHttpServer() as NodeJS.EventEmitter | undefined;
  if (server && typeof server.listenerCount === 'function' && server.listenerCount('clientError') === 0) {
    server.on('clientError', cognitoClientErrorHandler);
  }
  return app;
}

/** The part of Fastify's reply that `cognitoFastifyOptions().frameworkErrors` uses. */
interface FastifyReplyLike {
  code(statusCode: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(payload: string): FastifyReplyLike;
}

/**
 * Options for `new FastifyAdapter({ ...cognitoFastifyOptions() })`: Fastify answers a request its
 * HTTP parser refuses (`clientErrorHandler`) and a URL it cannot decode (`frameworkErrors`)
 * without Nest; these answer them with the `{ statusCode, code, message }` body.
 */
export function cognitoFastifyOptions() {
  return {
    clientErrorHandler: cognitoClientErrorHandler,
    // `reply` is Fastify's (typed loosely: nest-cognito does not depend on Fastify).
    frameworkErrors: (error: Error, _request: unknown, reply: unknown): void => {
      const body = errorBodyOf(error);
      (reply as FastifyReplyLike)
        .code(body.statusCode)
        .header('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify(body));
    },
  };
}
