import { createRequire } from 'node:module';

/**
 * Socket.IO gateways report errors through `WsException` (from `@nestjs/websockets`, an optional
 * peer): the guard raises one there, with the same `{ statusCode, code, message }` body as over HTTP.
 *
 * The peer is loaded at the first refusal over a WebSocket, never when nest-cognito is loaded, and
 * synchronously: no top-level `await`, so that CommonJS applications can `require()` this package
 * (require(esm) refuses modules with a top-level `await`). `require` here resolves the application's
 * own `@nestjs/websockets` (a CommonJS module in Nest 11, an ES module in Nest 12) and shares its
 * module cache with `import`, so the class is the one Nest's WebSocket exception filter knows.
 */
type WsExceptionClass = new (error: object) => Error;

const load = createRequire(import.meta.url);
let WsException: WsExceptionClass | null | undefined;

function wsExceptionClass(): WsExceptionClass | null {
  if (WsException === undefined) {
    try {
      ({ WsException } = load('@nestjs/websockets') as { WsException: WsExceptionClass });
    } catch (error) {
      if (!isModuleNotFound(error, '@nestjs/websockets')) throw error;
      WsException = null;
    }
  }
  return WsException;
}

function isModuleNotFound(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(`'${name}'`);
}

export function wsError(body: { statusCode: number; code: string; message: string }): Error {
  const Exception = wsExceptionClass();
  return Exception ? new Exception(body) : Object.assign(new Error(body.message), body);
}
