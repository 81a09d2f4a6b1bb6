import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ServerLogger } from './server-logger.js';

/** An incoming `x-request-id` is kept only when it is short and plain: it ends up in logs. */
const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;
const REQUEST_ID = Symbol('requestId');

type WithId = { [REQUEST_ID]?: string; headers: Record<string, string | string[] | undefined> };

/** The request's id: the caller's `x-request-id` when it is safe to log, otherwise a new UUID. */
export function requestIdOf(request: WithId): string {
  if (request[REQUEST_ID] === undefined) {
    const given = request.headers['x-request-id'];
    request[REQUEST_ID] = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
  }
  return request[REQUEST_ID];
}

/**
 * One line per request, written when the answer has gone: method, route pattern (never the raw
 * URL, whose path or query may carry an email or a code), status, duration and request id, echoed
 * to the caller as `x-request-id`. Headers and bodies are never logged.
 */
export function installRequestLog(app: NestFastifyApplication, logger: ServerLogger): void {
  const fastify = app.getHttpAdapter().getInstance();
  // Requests Node's HTTP parser refuses never reach Fastify's hooks: their line comes from here.
  fastify.server.on('clientError', (error: Error & { code?: string }) => {
    if (error.code === 'ECONNRESET') return;
    logRejectedRequest(logger, PARSER_STATUS[error.code ?? ''] ?? 400, null);
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', requestIdOf(request as unknown as WithId));
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    logger.entry(status >= 500 ? 'error' : 'log', 'http', 'request', {
      requestId: requestIdOf(request as unknown as WithId),
      method: request.method,
      route: request.routeOptions.url ?? null,
      status,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    });
    done();
  });
}

/** The status nest-cognito's client-error handler answers for what Node's HTTP parser refused. */
const PARSER_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * The line of a request refused before routing (by Node's parser, or by Fastify for a URL it cannot
 * decode): no route, and an id of its own, since the caller's header was never read.
 */
export function logRejectedRequest(logger: ServerLogger, status: number, method: string | null): void {
  logger.entry(status >= 500 ? 'error' : 'log', 'http', 'request', {
    requestId: randomUUID(),
    method,
    route: null,
    status,
    durationMs: null,
  });
}
