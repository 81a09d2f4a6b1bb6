import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startupLines } from '../src/banner.js';
import { type Seed, secretHash, startEmulator } from '../src/index.js';
import { PASSWORD, rejection } from './helpers.js';
import { contextOf } from '../src/start.js';

const dir = mkdtempSync(join(tmpdir(), 'cognito-emulator-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const seedWith = (client: Record<string, unknown>): Seed => ({
  pools: [
    {
      name: 'app',
      clients: [
        {
          name: 'web',
          ...client,
          settings: {
            ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
            ...(client.settings as object | undefined),
          },
        },
      ],
      users: [{ username: 'jane', password: PASSWORD }],
    },
  ],
});

const sdkFor = (endpoint: string) =>
  new CognitoIdentityProvider({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });

describe('GenerateSecret in a seeded client', () => {
  it('settings.GenerateSecret gives the client a secret, as CreateUserPoolClient does', async () => {
    const emulator = await startEmulator({ port: 0, seed: seedWith({ settings: { GenerateSecret: true } }) });
    try {
      const { id: poolId, clients } = emulator.pools.app!;
      const { id: clientId, secret } = clients.web!;
      expect(secret).toMatch(/^[a-z0-9]{40,}$/);
      const cognito = sdkFor(emulator.endpoint);
      const { UserPoolClient } = await cognito.describeUserPoolClient({
        UserPoolId: poolId,
        ClientId: clientId,
      });
      expect(UserPoolClient!.ClientSecret).toBe(secret);
      const withoutHash = await rejection(
        cognito.initiateAuth({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'jane', PASSWORD },
        }),
      );
      expect(withoutHash.name).toBe('NotAuthorizedException');
      const signedIn = await cognito.initiateAuth({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'jane', PASSWORD, SECRET_HASH: secretHash(secret!, 'jane', clientId) },
      });
      expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();
    } finally {
      await emulator.stop();
    }
  });

  it('settings.GenerateSecret false, or absent, gives a client without a secret', async () => {
    for (const client of [{ settings: { GenerateSecret: false } }, {}]) {
      const emulator = await startEmulator({ port: 0, seed: seedWith(client) });
      expect(emulator.pools.app!.clients.web!.secret).toBeUndefined();
      expect(
        contextOf(emulator).pools.findClient(emulator.pools.app!.clients.web!.id)!.secret,
      ).toBeUndefined();
      await emulator.stop();
    }
  });

  it.each([
    [
      'a non-boolean GenerateSecret',
      { settings: { GenerateSecret: 'yes' } },
      /settings\.GenerateSecret must be true or false/,
    ],
    ['a non-boolean generateSecret', { generateSecret: 1 }, /generateSecret must be true or false/],
    [
      'generateSecret and settings.GenerateSecret that disagree',
      { generateSecret: false, settings: { GenerateSecret: true } },
      /disagree/,
    ],
    [
      'a fixed secret with GenerateSecret false',
      { secret: 'fixed-secret', settings: { GenerateSecret: false } },
      /fixed secret/,
    ],
  ])('refuses %s with a clear error, naming the client', async (_, client, message) => {
    const error = await rejection(startEmulator({ port: 0, seed: seedWith(client) }));
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toMatch(/^Seed client web: /);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('fixed-secret');
  });
});

describe('the start-up lines', () => {
  it('name each seeded client with its id, and its secret when it has one', () => {
    const lines = startupLines('http://127.0.0.1:9229', {
      app: {
        id: 'us-east-1_App1',
        name: 'app',
        clients: { web: { id: 'webid' }, server: { id: 'serverid', secret: 'serversecret' } },
      },
    });
    expect(lines).toEqual([
      'cognito-emulator listening on http://127.0.0.1:9229',
      '  inbox:  http://127.0.0.1:9229/_emulator/inbox',
      '  outbox: http://127.0.0.1:9229/_emulator/messages',
      '  pool app: us-east-1_App1',
      '    client web: webid',
      '    client server: serverid  secret: serversecret',
    ]);
  });

  it('the built CLI prints a seeded client’s generated secret, the one the client has', async () => {
    const seedFile = join(dir, 'seed.json');
    writeFileSync(
      seedFile,
      JSON.stringify({
        pools: [
          {
            name: 'cli',
            id: 'us-east-1_CliSecret1',
            clients: [{ name: 'server', settings: { GenerateSecret: true } }, { name: 'web' }],
          },
        ],
      }),
    );
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, '--port', '0', '--seed', seedFile]);
    try {
      let output = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (/client web: \S+\n/.test(output)) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
      });
      const [, endpoint] = /listening on (http:\/\/\S+)/.exec(output)!;
      const [, clientId, secret] = /client server: (\S+) {2}secret: (\S+)\n/.exec(output)!;
      expect(output).toMatch(/client web: \S+\n/);
      expect(output).not.toMatch(/client web: \S+ {2}secret/);
      const { UserPoolClient } = await sdkFor(endpoint!).describeUserPoolClient({
        UserPoolId: 'us-east-1_CliSecret1',
        ClientId: clientId!,
      });
      expect(UserPoolClient!.ClientSecret).toBe(secret);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
