import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RunningEmulator } from 'cognito-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { startEmbeddedCognito } from '../src/embedded-cognito.js';
import { installRequestLog, logRejectedRequest } from '../src/logging/request-log.js';
import { ServerLogger } from '../src/logging/server-logger.js';
import { TEST_SETTINGS } from './server.js';

/** Sends raw bytes and resolves with the whole answer once the server closes the connection. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.end(request);
  });
}

describe('requests refused before routing still get their log line', () => {
  const lines: Record<string, unknown>[] = [];
  let app: NestFastifyApplication;
  let emulator: RunningEmulator;
  let port: number;

  beforeAll(async () => {
    const logger = new ServerLogger(
      { format: 'json', level: 'log' },
      { out: (line) => lines.push(JSON.parse(line) as Record<string, unknown>), err: () => undefined },
    );
    const embedded = await startEmbeddedCognito({ port: 0, dataFile: ':memory:' });
    emulator = embedded.emulator;
    app = await createApp(embedded.cognito, {
      logger: false,
      settings: TEST_SETTINGS,
      onRejected: (status, method) => logRejectedRequest(logger, status, method),
    });
    installRequestLog(app, logger);
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  const requestLines = () => lines.filter((line) => line.msg === 'request');

  it('headers over the parser limit: 431 answered and logged', async () => {
    const before = requestLines().length;
    const answer = await raw(port, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    await expect.poll(() => requestLines().length).toBe(before + 1);
    expect(requestLines().at(-1)).toMatchObject({ status: 431, route: null, requestId: expect.any(String) });
  });

  it('a URL Fastify cannot decode: 400 answered and logged with its method', async () => {
    const before = requestLines().length;
    const answer = await raw(
      port,
      'GET /admin/users/%ED%A0%80 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    await expect.poll(() => requestLines().length).toBe(before + 1);
    expect(requestLines().at(-1)).toMatchObject({ status: 400, method: 'GET', route: null });
  });

  it('an ordinary request still gets exactly one line', async () => {
    const before = requestLines().length;
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    expect(response.status).toBe(200);
    await expect.poll(() => requestLines().length).toBe(before + 1);
    expect(requestLines().at(-1)).toMatchObject({ status: 200, method: 'GET', route: '/health' });
  });
});
