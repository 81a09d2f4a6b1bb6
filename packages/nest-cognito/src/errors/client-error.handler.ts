import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { HTTP_ERROR_TABLE, type HttpErrorCode } from './http-error-codes.js';

/** What Node's HTTP parser reports, by the code of its error (as Node itself answers them). */
const BY_PARSER_CODE: Record<string, HttpErrorCode> = {
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'PAYLOAD_TOO_LARGE',
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
};

/**
 * Answers a request Node's HTTP parser refused before any framework saw it (headers or URL too
 * large: 431 `HEADERS_TOO_LARGE`; a malformed request: 400 `BAD_REQUEST`; too slow: 408
 * `REQUEST_TIMEOUT`) with the same `{ statusCode, code, message }` body, then closes the
 * connection. A listener for the server's `clientError` event, or Fastify's `clientErrorHandler`.
 */
export function cognitoClientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const code = BY_PARSER_CODE[error.code ?? ''] ?? 'BAD_REQUEST';
  const { status, message } = HTTP_ERROR_TABLE[code];
  const body = JSON.stringify({ statusCode: status, code, message });
  // Flushed, then closed: the parser cannot go on with this connection.
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
    () => socket.destroy(),
  );
}
