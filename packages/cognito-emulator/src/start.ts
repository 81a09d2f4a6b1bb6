import type { KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { EmulatorContext } from './context.js';
import { normalizeOrigin } from './cors.js';
import { normalizeAllowedHost } from './hosts.js';
import type { LambdaHandler } from './lambda/handler.js';
import type { InvocationFilter, LambdaInvocation } from './lambda/invocations.js';
import { localFunctions } from './lambda/local-functions.js';
import { applySeed, type Seed, type SeededPool } from './seed.js';
import { createEmulatorServer } from './server.js';
import type { OutboxFilter, OutboxMessage } from './store/outbox.js';
import { openDatabase } from './store/database.js';

export interface EmulatorOptions {
  /** Port to listen on; 0 picks a free one. Default 9229. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1 (never all interfaces unless asked). */
  host?: string;
  /** SQLite file that keeps the state across restarts, or `:memory:` (the default). */
  dataFile?: string;
  /** Pools, clients and users to create at start (an object, or the path of a JSON file). */
  seed?: Seed | string;
  /** Region in new pool ids and token issuers. Default us-east-1. */
  region?: string;
  /** scrypt cost (log2 N) of stored passwords. Default 12. */
  passwordCost?: number;
  /** The clock, in epoch milliseconds. Tests move it forward to expire codes and tokens. */
  now?: () => number;
  /**
   * Web origins (besides loopback ones, always allowed) that browsers may call the emulator from,
   * e.g. `['https://app.test']`; `['*']` allows any origin. Others get no CORS headers (403).
   */
  corsOrigins?: string[];
  /**
   * Host names (or addresses) besides loopback ones, the listen address and the CORS origins' hosts
   * that requests may name in `Host`, e.g. `['cognito']` for a Docker service name; `['*']` allows any.
   * Other hosts are refused with 403 (a guard against DNS rebinding).
   */
  allowedHosts?: string[];
  /**
   * Trigger functions run by the emulator, by function name (the name in the trigger's ARN): a
   * handler (`async (event) => event`, or callback style), or the path of a handler file relative
   * to the working directory (`./triggers/pre-sign-up.js#handler`), reloaded when it changes.
   * These come before the seed file's `lambdas` of the same name.
   */
  lambdas?: Record<string, LambdaHandler | string>;
  /**
   * A Lambda Invoke API (`http://127.0.0.1:3002` for `sam local start-lambda`, LocalStack's
   * endpoint, serverless-offline's) for the functions not in `lambdas`.
   */
  lambdaEndpoint?: string;
  /** How long a trigger's function may take before Cognito gives up. Default 5000, as on AWS. */
  lambdaTimeoutMs?: number;
}

export interface RunningEmulator {
  /** Base URL for the AWS SDK's `endpoint` and for JWKS: `http://127.0.0.1:9229`. */
  endpoint: string;
  port: number;
  host: string;
  /** What the seed declared, by pool name, with their ids. */
  pools: Record<string, SeededPool>;
  /** Messages "sent" so far (codes), oldest first; optionally only those to one address. */
  messages(filter?: OutboxFilter): OutboxMessage[];
  /** Trigger invocations so far (event, response or error, duration), newest first. */
  lambdaInvocations(filter?: InvocationFilter): LambdaInvocation[];
  /**
   * A pool's current signing key, for tests that forge tokens an attacker could sign only with it.
   * Emulator-only: Cognito never hands out a private key.
   */
  signingKey(poolId: string): { kid: string; privateKey: KeyObject };
  /**
   * Replaces a pool's signing key (PEM, PKCS#8) under a new `kid`: its JWKS then holds only the new
   * key. Emulator-only, for testing how a resource server follows a key rotation.
   */
  rotateSigningKey(poolId: string, privateKeyPem: string, kid: string): void;
  stop(): Promise<void>;
}

const contexts = new WeakMap<RunningEmulator, EmulatorContext>();

/**
 * The services behind a running emulator. Internal (not exported by the package): for the
 * emulator's own tests, which check what the store holds.
 */
export function contextOf(emulator: RunningEmulator): EmulatorContext {
  const context = contexts.get(emulator);
  if (!context) throw new Error('Not an emulator started by startEmulator().');
  return context;
}

/** Starts the emulator: opens the store, applies the seed, then listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const corsOrigins = (options.corsOrigins ?? []).map(normalizeOrigin);
  const allowedHosts = (options.allowedHosts ?? []).map(normalizeAllowedHost);
  const seed = typeof options.seed === 'string' ? await loadSeed(options.seed) : options.seed;
  const lambdas = lambdaSettings(options, seed);
  const db = openDatabase(options.dataFile ?? ':memory:');
  const context = new EmulatorContext(db, {
    ...(options.region ? { region: options.region } : {}),
    ...(options.passwordCost ? { passwordCost: options.passwordCost } : {}),
    ...(options.now ? { now: options.now } : {}),
    lambdas,
  });
  let pools: Record<string, SeededPool> = {};
  try {
    if (seed) pools = await applySeed(context, seed);
  } catch (error) {
    db.close();
    throw error;
  }
  const server = createEmulatorServer(context, { listenHost: host, corsOrigins, allowedHosts });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9229, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let stopped: Promise<void> | undefined;
  const emulator: RunningEmulator = {
    endpoint,
    port,
    host,
    pools,
    messages: (filter) => context.outbox.list(filter),
    lambdaInvocations: (filter) => context.lambdas.log.list(filter),
    signingKey: (poolId) => context.pools.signingKey(poolId),
    rotateSigningKey: (poolId, pem, kid) => context.pools.rotateSigningKey(poolId, pem, kid),
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return stopped;
    },
  };
  contexts.set(emulator, context);
  return emulator;
}

/**
 * Where trigger functions run: the given handlers and files, the seed file's (relative to it), an
 * Invoke API endpoint (an http(s) URL) and the timeout (a positive number of milliseconds).
 */
function lambdaSettings(options: EmulatorOptions, seed: Seed | undefined) {
  const seedDir = typeof options.seed === 'string' ? dirname(resolve(options.seed)) : process.cwd();
  const functions = localFunctions(options.lambdas, process.cwd(), seed?.lambdas, seedDir);
  const endpoint = options.lambdaEndpoint;
  if (endpoint !== undefined && !/^https?:\/\/[^/]/i.test(endpoint)) {
    throw new Error(`The Lambda endpoint must be an http(s) URL, not ${endpoint}.`);
  }
  const timeoutMs = options.lambdaTimeoutMs;
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new Error(`The Lambda timeout must be a positive number of milliseconds, not ${timeoutMs}.`);
  }
  return { functions, ...(endpoint ? { endpoint } : {}), ...(timeoutMs ? { timeoutMs } : {}) };
}

async function loadSeed(path: string): Promise<Seed> {
  return JSON.parse(await readFile(path, 'utf8')) as Seed;
}
