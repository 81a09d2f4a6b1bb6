import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index.js';
import { emailPool, emulatorWithSdk, PASSWORD } from './helpers.js';
import { contextOf } from '../src/start.js';

const dir = mkdtempSync(join(tmpdir(), 'cognito-emulator-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('state in a SQLite file', () => {
  it('keeps pools, clients, users and sessions across a restart', async () => {
    const dataFile = join(dir, 'state.db');
    const first = await emulatorWithSdk({ dataFile });
    const { poolId, clientId } = await emailPool(first.cognito);
    await first.cognito.signUp({ ClientId: clientId, Username: 'keep@example.com', Password: PASSWORD });
    const code = first.emulator.messages({ to: 'keep@example.com' })[0]!.code!;
    await first.cognito.confirmSignUp({
      ClientId: clientId,
      Username: 'keep@example.com',
      ConfirmationCode: code,
    });
    const signIn = await first.cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'keep@example.com', PASSWORD },
    });
    await first.emulator.stop();

    const second = await emulatorWithSdk({ dataFile });
    try {
      const user = await second.cognito.getUser({ AccessToken: signIn.AuthenticationResult!.AccessToken! });
      expect(user.UserAttributes?.find((a) => a.Name === 'email')?.Value).toBe('keep@example.com');
      const again = await second.cognito.initiateAuth({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'keep@example.com', PASSWORD },
      });
      expect(again.AuthenticationResult?.AccessToken).toBeTruthy();
      expect(
        (await second.cognito.describeUserPool({ UserPoolId: poolId })).UserPool?.EstimatedNumberOfUsers,
      ).toBe(1);
      expect(second.emulator.messages({ to: 'keep@example.com' })).toHaveLength(1);
    } finally {
      await second.emulator.stop();
    }
  });

  it('never stores a password in clear', async () => {
    const dataFile = join(dir, 'hashes.db');
    const { emulator, cognito } = await emulatorWithSdk({ dataFile });
    const { clientId } = await emailPool(cognito);
    await cognito.signUp({ ClientId: clientId, Username: 'hash@example.com', Password: PASSWORD });
    const rows = contextOf(emulator).db.prepare('SELECT password_hash FROM users').all() as {
      password_hash: string;
    }[];
    await emulator.stop();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(rows[0]!.password_hash).not.toContain(PASSWORD);
  });

  it('applies a seed once (pools, clients, groups, users) and finds it all again on restart', async () => {
    const dataFile = join(dir, 'seeded.db');
    const seed = {
      pools: [
        {
          name: 'app',
          id: 'eu-west-1_Seeded123',
          settings: { UsernameAttributes: ['email'] },
          clients: [
            {
              name: 'web',
              id: 'webclient0000000000000000a',
              settings: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
            },
          ],
          groups: [{ name: 'admin', precedence: 1 }, { name: 'staff' }],
          users: [{ username: 'seed@example.com', password: PASSWORD, groups: ['staff', 'admin'] }],
        },
      ],
    };
    const first = await startEmulator({ port: 0, dataFile, seed });
    expect(first.pools.app).toEqual({
      id: 'eu-west-1_Seeded123',
      name: 'app',
      clients: { web: { id: 'webclient0000000000000000a' } },
    });
    await first.stop();
    const second = await startEmulator({ port: 0, dataFile, seed });
    expect(second.pools.app?.id).toBe('eu-west-1_Seeded123');
    expect(contextOf(second).users.count('eu-west-1_Seeded123')).toBe(1);
    const sdk = new CognitoIdentityProvider({
      endpoint: second.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const { AuthenticationResult } = await sdk.initiateAuth({
      ClientId: 'webclient0000000000000000a',
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'seed@example.com', PASSWORD },
    });
    const claims = JSON.parse(
      Buffer.from(AuthenticationResult!.AccessToken!.split('.')[1]!, 'base64url').toString(),
    ) as Record<string, unknown>;
    // By precedence: admin (1) before staff (none).
    expect(claims['cognito:groups']).toEqual(['admin', 'staff']);
    await second.stop();
  });
});

describe('the command line', () => {
  it('starts from flags and a seed file, prints its endpoint and ids, and stops on SIGTERM', async () => {
    const seedFile = join(dir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify({ pools: [{ name: 'cli-pool', id: 'us-east-1_CliPool01' }] }));
    const { child, endpoint } = await spawnCli(
      ['--port', '0', '--data', join(dir, 'cli.db'), '--seed', seedFile],
      'us-east-1_CliPool01',
    );
    expect((await fetch(`${endpoint}/us-east-1_CliPool01/.well-known/jwks.json`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

/** Starts the built CLI and waits until it prints its endpoint (and `waitFor`, when given). */
async function spawnCli(args: string[], waitFor = '') {
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const child = spawn(process.execPath, [cli, ...args]);
  let output = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match && output.includes(waitFor)) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  return { child, endpoint };
}

describe('durability', () => {
  it('a kill -9 in the middle of a burst of writes loses no acknowledged write', async () => {
    const data = join(dir, 'burst.db');
    const seedFile = join(dir, 'burst-seed.json');
    writeFileSync(
      seedFile,
      JSON.stringify({
        pools: [
          {
            name: 'burst',
            id: 'us-east-1_Burst0001',
            settings: { UsernameAttributes: ['email'] },
            clients: [{ name: 'web', id: 'burstclient000000000000001' }],
          },
        ],
      }),
    );
    const { child, endpoint } = await spawnCli(
      ['--port', '0', '--data', data, '--seed', seedFile],
      'Burst0001',
    );
    const sdk = new CognitoIdentityProvider({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const acknowledged: string[] = [];
    let next = 0;
    let killed = false;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Eight writers in flight; the process is killed once 120 sign-ups were acknowledged.
    const writer = async () => {
      while (!killed) {
        const email = `burst${next++}@example.com`;
        try {
          await sdk.signUp({ ClientId: 'burstclient000000000000001', Username: email, Password: PASSWORD });
          acknowledged.push(email);
          if (acknowledged.length === 120 && !killed) {
            killed = true;
            child.kill('SIGKILL');
          }
        } catch {
          if (!killed) throw new Error(`sign-up of ${email} failed before the kill`);
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
    await exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(120);

    const reopened = await startEmulator({ port: 0, dataFile: data });
    try {
      const pool = contextOf(reopened).pools.getPool('us-east-1_Burst0001');
      const missing = acknowledged.filter(
        (email) => !contextOf(reopened).users.findBySignInName(pool, email),
      );
      expect(missing).toEqual([]);
      expect(contextOf(reopened).users.count(pool.id)).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      await reopened.stop();
    }
  });
});
