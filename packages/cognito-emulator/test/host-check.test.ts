import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startupWarnings } from '../src/banner.js';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../src/index.js';
import { emulatorWithSdk } from './helpers.js';

interface Answer {
  status: number;
  type: string | undefined;
  body: Record<string, unknown>;
}

/** A raw request with any `Host` (fetch cannot set one), to the emulator's own address. */
function send(
  emulator: Pick<RunningEmulator, 'port'>,
  host: string | undefined,
  options: { method?: string; path?: string; target?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const method = options.method ?? 'GET';
    const headers: Record<string, string> = {};
    if (host !== undefined) headers.host = host;
    if (options.target) {
      headers['content-type'] = 'application/x-amz-json-1.1';
      headers['x-amz-target'] = `AWSCognitoIdentityProviderService.${options.target}`;
    }
    const req = request({
      host: '127.0.0.1',
      port: emulator.port,
      method,
      path: options.path ?? '/_emulator/messages',
      headers,
      setHost: host !== undefined,
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const type = res.headers['x-amzn-errortype'];
        resolve({
          status: res.statusCode!,
          type: typeof type === 'string' ? type : undefined,
          body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
        });
      });
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

async function withEmulator(options: EmulatorOptions, check: (e: RunningEmulator) => Promise<void>) {
  const emulator = await startEmulator({ port: 0, ...options });
  try {
    await check(emulator);
  } finally {
    await emulator.stop();
  }
}

describe('Host check (DNS rebinding)', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(() => emulator.stop());

  it('refuses a foreign Host on the outbox with 403 and a message naming --allowed-host', async () => {
    const answer = await send(emulator, `evil.example:${emulator.port}`);
    expect(answer.status).toBe(403);
    expect(answer.body).not.toBeInstanceOf(Array);
    expect(answer.body.message).toMatch(/host evil\.example\b/);
    expect(answer.body.message).toMatch(/--allowed-host/);
  });

  it('refuses a foreign Host on POST / in AWS’s error shape, and on every other path', async () => {
    const post = await send(emulator, 'evil.example', { method: 'POST', path: '/', target: 'ListUserPools' });
    expect(post.status).toBe(403);
    expect(post.type).toBe('AccessDeniedException');
    expect(post.body.__type).toBe('AccessDeniedException');
    for (const path of ['/_emulator/inbox', '/_emulator/health', '/us-east-1_abc/.well-known/jwks.json']) {
      const answer = await send(emulator, 'evil.example', { path });
      expect({ path, status: answer.status }).toEqual({ path, status: 403 });
    }
  });

  it('refuses a malformed Host and a foreign host in an absolute-form target', async () => {
    expect((await send(emulator, 'exa mple')).status).toBe(403);
    const absolute = await send(emulator, `127.0.0.1:${emulator.port}`, {
      path: 'http://evil.example/_emulator/messages',
    });
    expect(absolute.status).toBe(403);
  });

  it('answers loopback names on any port', async () => {
    for (const host of [
      `127.0.0.1:${emulator.port}`,
      'localhost',
      'LOCALHOST:1',
      'app.localhost:3000',
      '127.8.9.10',
      '[::1]:9229',
      'localhost.',
    ]) {
      const answer = await send(emulator, host);
      expect({ host, status: answer.status }).toEqual({ host, status: 200 });
    }
  });

  it('answers an HTTP/1.1 request with no Host 400 with a message, in AWS’s shape on POST /', async () => {
    const get = await send(emulator, undefined);
    expect(get).toEqual({ status: 400, type: undefined, body: { message: 'Missing Host header.' } });
    const post = await send(emulator, undefined, { method: 'POST', path: '/', target: 'ListUserPools' });
    expect(post.status).toBe(400);
    expect(post.body).toEqual({ __type: 'SerializationException', message: 'Missing Host header.' });
  });

  it('keeps the AWS SDK working', async () => {
    const { emulator: other, cognito } = await emulatorWithSdk();
    try {
      const { UserPool } = await cognito.createUserPool({ PoolName: 'host-check' });
      expect(UserPool?.Id).toMatch(/^us-east-1_/);
    } finally {
      await other.stop();
    }
  });
});

describe('Host check options', () => {
  it('answers the names of allowedHosts (any port) and still refuses others', async () => {
    await withEmulator({ allowedHosts: ['cognito', '192.168.1.20:9229'] }, async (emulator) => {
      expect((await send(emulator, 'cognito:9229')).status).toBe(200);
      expect((await send(emulator, 'COGNITO')).status).toBe(200);
      expect((await send(emulator, '192.168.1.20')).status).toBe(200);
      expect((await send(emulator, 'cognito.evil.example')).status).toBe(403);
    });
  });

  it('answers any Host with allowedHosts ["*"]', async () => {
    await withEmulator({ allowedHosts: ['*'] }, async (emulator) => {
      expect((await send(emulator, 'evil.example')).status).toBe(200);
    });
  });

  it('answers the hosts of configured CORS origins', async () => {
    await withEmulator({ corsOrigins: ['https://app.test:8443'] }, async (emulator) => {
      expect((await send(emulator, 'app.test')).status).toBe(200);
      expect((await send(emulator, 'other.test')).status).toBe(403);
    });
  });

  it('on a wildcard address answers loopback names and explicit ones only', async () => {
    await withEmulator({ host: '0.0.0.0', allowedHosts: ['cognito'] }, async (emulator) => {
      expect((await send(emulator, `localhost:${emulator.port}`)).status).toBe(200);
      expect((await send(emulator, 'cognito')).status).toBe(200);
      expect((await send(emulator, '0.0.0.0')).status).toBe(403);
      const refused = await send(emulator, '10.1.2.3');
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/--allowed-host/);
    });
  });

  it('answers the address it listens on when that is a specific one', async () => {
    await withEmulator({ host: '127.0.0.1' }, async (emulator) => {
      expect((await send(emulator, `127.0.0.1:${emulator.port}`)).status).toBe(200);
    });
  });

  it('refuses an allowed host that is not a host name at start', async () => {
    await expect(startEmulator({ port: 0, allowedHosts: ['http://x/'] })).rejects.toThrow(/Not a host name/);
  });
});

describe('startup warnings', () => {
  it('warns for --cors-origin *, --allowed-host * and a wildcard address, and only then', () => {
    expect(
      startupWarnings({ host: '127.0.0.1', corsOrigins: ['https://app.test'], allowedHosts: ['x'] }),
    ).toEqual([]);
    const warnings = startupWarnings({ host: '0.0.0.0', corsOrigins: ['*'], allowedHosts: ['*'] });
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/--cors-origin '\*'/);
    expect(warnings[1]).toMatch(/--allowed-host '\*'/);
    expect(warnings[2]).toMatch(/0\.0\.0\.0/);
    expect(startupWarnings({ host: '::', corsOrigins: [], allowedHosts: [] })).toHaveLength(1);
  });
});

describe('the command line', () => {
  it('prints the warnings for --cors-origin * and --allowed-host * at start, and answers any Host', async () => {
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, '--port', '0', '--cors-origin', '*', '--allowed-host', '*']);
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stdout}${stderr}`)));
    });
    try {
      const answer = await send({ port }, 'evil.example');
      expect(answer.status).toBe(200);
      await expect.poll(() => stderr).toMatch(/WARNING --allowed-host '\*'/);
      expect(stderr).toMatch(/WARNING --cors-origin '\*'/);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
