import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ServerLogger } from './logging/server-logger.js';

const SHUTTING_DOWN = JSON.stringify({
  statusCode: 503,
  code: 'SHUTTING_DOWN',
  message: 'The server is shutting down; try again.',
});

export interface Shutdown {
  /** After listening: SIGTERM and SIGINT stop the server gracefully, then the process exits. */
  onSignals(steps: {
    timeoutMs: number;
    /** Runs first (stop background work). */
    beforeClose(): void;
    /** Runs once the app has closed and answered its last request (close the emulator's store). */
    afterClose(): Promise<void>;
  }): void;
}

/**
 * Graceful shutdown. On a signal: the server stops taking connections and requests (those that
 * still arrive on an open connection get a 503 `SHUTTING_DOWN`, in the error shape of every other
 * answer), lets the ones in flight finish and closes their connections, runs the app's shutdown
 * hooks (Redis), then `afterClose`; the process exits 0, or 1 if all that takes longer than
 * `timeoutMs`. Call before `listen` (it adds hooks).
 */
export function prepareShutdown(app: NestFastifyApplication, logger: ServerLogger): Shutdown {
  let stopping = false;
  const fastify = app.getHttpAdapter().getInstance();
  // A request that arrives once the shutdown has begun (on a kept-alive connection) is refused
  // in the error shape; Fastify's own 503 (`return503OnClosing`) must be off for this to run.
  fastify.addHook('onRequest', (_request, reply, done) => {
    if (!stopping) return done();
    reply.header('connection', 'close').header('content-type', 'application/json; charset=utf-8');
    reply.code(503).send(SHUTTING_DOWN);
  });
  // The answers to the requests in flight close their connections, so that the server can close.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (stopping && request.raw.httpVersionMajor < 2) reply.header('connection', 'close');
    done(null, payload);
  });
  return {
    onSignals(steps) {
      const stop = (signal: NodeJS.Signals) => {
        // Nest's own shutdown hook sends the signal again once it has closed the app: ignore it.
        if (stopping) return;
        stopping = true;
        logger.log(`${signal}: finishing the requests in flight, then stopping`, 'AuthServer');
        const force = setTimeout(() => {
          logger.error(`shutdown took longer than ${steps.timeoutMs / 1000} s; exiting`, 'AuthServer');
          process.exit(1);
        }, steps.timeoutMs);
        force.unref();
        (async () => {
          steps.beforeClose();
          await app.close();
          await steps.afterClose();
        })().then(
          () => {
            logger.log('stopped', 'AuthServer');
            process.exit(0);
          },
          (error: unknown) => {
            logger.error(
              `shutdown failed: ${error instanceof Error ? error.message : String(error)}`,
              'AuthServer',
            );
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    },
  };
}
