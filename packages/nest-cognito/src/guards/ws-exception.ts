/**
 * Socket.IO gateways report errors through `WsException` (from `@nestjs/websockets`, an optional
 * peer): the guard raises one there, with the same `{ statusCode, code, message }` body as over HTTP.
 */
type WsExceptionClass = new (error: object) => Error;

let WsException: WsExceptionClass | undefined;
try {
  ({ WsException } = (await import('@nestjs/websockets')) as { WsException: WsExceptionClass });
} catch {
  WsException = undefined;
}

export function wsError(body: { statusCode: number; code: string; message: string }): Error {
  return WsException ? new WsException(body) : Object.assign(new Error(body.message), body);
}
