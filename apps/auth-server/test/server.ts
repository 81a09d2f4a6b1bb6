import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RunningEmulator } from 'cognito-emulator';
import { CognitoAdminService, type CognitoAuthFlow } from 'nest-cognito';
import { createApp } from '../src/app.js';
import type { AppSettings } from '../src/app.module.js';
import { startEmbeddedCognito } from '../src/embedded-cognito.js';
import { ensureFirstAdmin } from '../src/first-admin.js';

export interface TestServer {
  url: string;
  emulator: RunningEmulator;
  app: NestFastifyApplication;
  /** The last code the emulator sent to an address. */
  codeFor(email: string): string;
  stop(): Promise<void>;
}

/** The reference server as `npm start` runs it (embedded emulator), on free ports, state in memory. */
export async function startTestServer(
  options: {
    admin?: { email: string; password: string };
    settings?: AppSettings;
    /** Default: USER_SRP_AUTH, as `npm start` signs in. */
    authFlow?: CognitoAuthFlow;
  } = {},
): Promise<TestServer> {
  const { emulator, cognito } = await startEmbeddedCognito({ port: 0, dataFile: ':memory:' });
  const authFlow = options.authFlow ?? 'USER_SRP_AUTH';
  const app = await createApp(
    { ...cognito, authFlow },
    { logger: false, settings: options.settings ?? TEST_SETTINGS },
  );
  if (options.admin) await ensureFirstAdmin(app.get(CognitoAdminService), options.admin, 'admin');
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    emulator,
    app,
    codeFor: (email) => emulator.messages({ to: email }).at(-1)?.code ?? '',
    stop: async () => {
      await app.close();
      await emulator.stop();
    },
  };
}

/** Tests send many requests from one address: rate limits too high to matter, unless a test sets its own. */
export const TEST_SETTINGS: AppSettings = {
  rateLimit: { windowSeconds: 60, perIp: 1_000_000, perAccount: 1_000_000 },
};

export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return send('POST', url, body, headers);
}

export async function put(url: string, body: unknown, headers: Record<string, string> = {}) {
  return send('PUT', url, body, headers);
}

/** A request with a JSON body, or none (no content type either) when `body` is undefined. */
async function send(method: string, url: string, body: unknown, headers: Record<string, string>) {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
