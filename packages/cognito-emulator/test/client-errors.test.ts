import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.stop());

/** Writes raw bytes to the emulator and reads the whole answer until it closes the connection. */
function raw(bytes: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(emulator.port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head.toLowerCase(), body });
    });
    socket.on('error', reject);
    socket.end(bytes);
  });
}

describe('requests Node’s parser refuses are answered in the error shape, each with its own reason', () => {
  it('431 for oversized headers, saying so (not a body-size message)', async () => {
    const answer = await raw(
      `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\ncontent-length: 2\r\n\r\n{}`,
    );
    expect(answer.status).toBe(431);
    expect(answer.headers).toContain('x-amzn-errortype: requestheaderfieldstoolargeexception');
    expect(JSON.parse(answer.body)).toEqual({
      __type: 'RequestHeaderFieldsTooLargeException',
      message: 'Request header fields are too large.',
    });
  });

  it('400 for a malformed request', async () => {
    const answer = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      __type: 'SerializationException',
      message: 'Malformed HTTP request.',
    });
  });

  it('keeps serving afterwards', async () => {
    expect((await fetch(`${emulator.endpoint}/_emulator/health`)).status).toBe(200);
  });
});
