import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const MAIN = join(ROOT, 'apps/auth-server/dist/main.js');
const SOURCES = ['packages/cognito-emulator/src', 'packages/nest-cognito/src', 'apps/auth-server/src'];

/**
 * The compiled server, as `npm start` runs it. `npm test` builds it (`tsc -b`) before Vitest; a
 * Vitest run on its own builds it here when a source is newer than `dist/main.js` (one build at a
 * time across test files, under a lock directory).
 */
export function ensureBuilt(): void {
  if (isFresh()) return;
  const lock = join(tmpdir(), 'auth-server-test-build.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      execFileSync('sleep', ['0.5']);
    }
  }
  try {
    if (!isFresh()) execFileSync('npx', ['tsc', '-b'], { cwd: ROOT, stdio: 'inherit' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function isFresh(): boolean {
  if (!existsSync(MAIN)) return false;
  const built = statSync(MAIN).mtimeMs;
  return SOURCES.every((dir) => newest(join(ROOT, dir)) <= built);
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  /** Set once the server has said where it listens. */
  url: string;
  /** Everything written to stdout and stderr so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first output line matching `pattern` (rejects after `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/** The environment a test server starts with: only what the test gives, plus what Node needs. */
function baseEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_FORMAT: 'json',
    // Any credentials do for the emulator; these keep the SDK from looking for real ones.
    AWS_ACCESS_KEY_ID: 'emulator',
    AWS_SECRET_ACCESS_KEY: 'emulator',
    ...env,
  };
}

/** Spawns `dist/main.js` without waiting for anything. */
export function spawnServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: baseEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const watchers: { pattern: RegExp; resolve(line: string): void }[] = [];
  const scan = () => {
    for (const watcher of [...watchers]) {
      const line = `${out}\n${err}`.split('\n').find((l) => watcher.pattern.test(l));
      if (line !== undefined) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve(line);
      }
    }
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    scan();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    scan();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const server: ServerProcess = {
    child,
    url: '',
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (pattern, timeoutMs = 20_000) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`no output matching ${pattern} in ${timeoutMs} ms:\n${out}\n${err}`));
        }, timeoutMs);
        const done = (line: string) => {
          clearTimeout(timer);
          resolve(line);
        };
        watchers.push({ pattern, resolve: done });
        scan();
        void exited.then(({ code }) => {
          if (watchers.some((w) => w.resolve === done)) {
            clearTimeout(timer);
            reject(new Error(`server exited (${code}) before ${pattern}:\n${out}\n${err}`));
          }
        });
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  return server;
}

/** Spawns the server and waits until it listens; `url` is then its address. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  ensureBuilt();
  const server = spawnServer(env);
  const line = await server.waitFor(/auth-server listening on http:\/\/[^\s"]+/);
  server.url = /auth-server listening on (http:\/\/[^\s"]+)/.exec(line)![1]!;
  return server;
}

/** Polls `probe` until it returns something other than `undefined`, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
