import type { AddressInfo } from 'node:net';
import type { RunningEmulator } from 'cognito-emulator';
import type { CognitoModuleOptions } from 'nest-cognito';
import { CognitoAdminService } from 'nest-cognito';
import { createApp } from './app.js';
import { webLoginOptions } from './app.module.js';
import { loadConfig, type ServerConfig } from './config.js';
import { startEmbeddedCognito } from './embedded-cognito.js';
import { ensureFirstAdmin, ensureFirstAdminInBackground } from './first-admin.js';
import { installRequestLog, logRejectedRequest } from './logging/request-log.js';
import { ServerLogger } from './logging/server-logger.js';
import { prepareShutdown } from './shutdown.js';

/** Set once the server listens: until then, an empty event loop is a failed start, never a clean exit. */
let started = false;
let logger: ServerLogger | undefined;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const serverLogger = new ServerLogger(config.log);
  logger = serverLogger;
  let emulator: RunningEmulator | undefined;
  let cognito: CognitoModuleOptions;
  // The embedded pool's domain (its managed login); a pool of one's own names it in COGNITO_DOMAIN.
  let domain = '';
  if (config.cognito) {
    cognito = config.cognito;
  } else {
    ({ emulator, cognito, domain } = await startEmbeddedCognito({
      ...config.emulator,
      ...(config.webLogin ? { webLoginOrigin: config.webLogin.origin } : {}),
    }));
  }
  const app = await createApp(
    {
      ...cognito,
      authFlow: config.authFlow,
      refreshTokenRotation: config.refreshTokenRotation,
      adminGroup: config.adminGroup,
    },
    {
      logger,
      settings: {
        rateLimit: config.rateLimit,
        ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
        ...(config.webLogin ? { webLogin: webLoginOptions(config.webLogin, domain) } : {}),
      },
      onRejected: (status, method) => logRejectedRequest(serverLogger, status, method),
    },
  );
  installRequestLog(app, logger);
  const shutdown = prepareShutdown(app, logger);
  await app.listen(config.port, config.host).catch(async (error: unknown) => {
    await app.close().catch(() => undefined);
    await emulator?.stop();
    throw error;
  });
  started = true;
  const { port } = app.getHttpServer().address() as AddressInfo;
  announce(logger, config, cognito, port, emulator);
  const background = new AbortController();
  if (config.admin) startFirstAdmin(app.get(CognitoAdminService), config, logger, background.signal);
  shutdown.onSignals({
    timeoutMs: config.shutdownTimeoutSeconds * 1000,
    beforeClose: () => background.abort(),
    afterClose: async () => emulator?.stop(),
  });
}

function startFirstAdmin(
  admin: CognitoAdminService,
  config: ServerConfig,
  logger: ServerLogger,
  signal: AbortSignal,
): void {
  const account = config.admin!;
  const group = config.adminGroup;
  void ensureFirstAdminInBackground(
    () => ensureFirstAdmin(admin, account, group),
    {
      done: (outcome) =>
        logger.log(`administrator ${account.email}: ${outcome} (group ${group})`, 'FirstAdmin'),
      retrying: (error, delayMs) =>
        logger.warn(
          `administrator ${account.email} not ensured yet (${describe(error)}); retrying in ${delayMs / 1000} s`,
          'FirstAdmin',
        ),
      failed: (error) =>
        logger.error(`administrator ${account.email} could not be ensured: ${describe(error)}`, 'FirstAdmin'),
    },
    { signal },
  );
}

function announce(
  logger: ServerLogger,
  config: ServerConfig,
  cognito: CognitoModuleOptions,
  port: number,
  emulator: RunningEmulator | undefined,
): void {
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const log = (message: string) => logger.log(message, 'AuthServer');
  log(`auth-server listening on ${url}`);
  log(`API docs: ${url}/docs`);
  if (emulator) {
    log(`embedded Cognito emulator: ${emulator.endpoint} (data: ${config.emulator.dataFile})`);
    log(`user pool ${cognito.userPoolId}, app client ${cognito.clientId}`);
    log(`codes sent to users: ${emulator.endpoint}/_emulator/inbox`);
  } else {
    log(`Cognito user pool ${cognito.userPoolId}${cognito.endpoint ? ` at ${cognito.endpoint}` : ''}`);
  }
  log(`sign-in: ${config.authFlow}`);
  log(`rate limits: ${describeLimits(config)}; ${config.redisUrl ? 'counts in Redis' : 'counts in memory'}`);
}

function describeLimits({ rateLimit: r }: ServerConfig): string {
  const limit = (n: number) => (n === 0 ? 'off' : `${n}`);
  return `${limit(r.perIp)} per IP, ${limit(r.perAccount)} per account, per route per ${r.windowSeconds} s`;
}

function describe(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e?.code === 'string') return `${e.code}: ${String(e.message)}`;
  return error instanceof Error ? error.message : String(error);
}

function fail(error: unknown): never {
  const message = `auth-server failed to start: ${error instanceof Error ? error.message : String(error)}`;
  if (logger) logger.error(message, 'AuthServer');
  else process.stderr.write(`${message}\n`);
  process.exit(1);
}

// Start-up that waits only on timers or sockets that do not hold the process would end it with
// status 0 and no word: say so and fail instead.
process.on('beforeExit', () => {
  if (!started) fail(new Error('start-up stalled: nothing left to wait for before listening'));
});

main().catch(fail);
