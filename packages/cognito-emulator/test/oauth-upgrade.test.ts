import Database from 'libsql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index.js';
import { poolDomain, resourceServerScopes } from '../src/services/oauth-config.js';
import { secretHash } from '../src/services/secret-hash.js';
import { contextOf } from '../src/start.js';
import { emailPool, emulatorWithSdk, PASSWORD, UNDO_AFTER_SCHEMA_5, userWithPassword } from './helpers.js';

/**
 * A data file written before migration 10, whose clients kept their secret in their config JSON:
 * the secret moves to the table of client secrets and keeps working.
 */
describe('a data file from before client secret rotation (schema 9)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-emulator-oauth-upgrade-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps each client's secret: SECRET_HASH, DescribeUserPoolClient, ListUserPoolClientSecrets, rotation", async () => {
    const dataFile = join(dir, 'schema9.db');
    const first = await emulatorWithSdk({ dataFile });
    const { poolId, clientId, clientSecret } = await emailPool(first.cognito, { secret: true });
    const publicClient = await first.cognito.createUserPoolClient({
      UserPoolId: poolId,
      ClientName: 'public',
    });
    await userWithPassword(first.cognito, poolId, 'old@example.com');
    await first.emulator.stop();

    // As an emulator of schema 9 or earlier left it: the secret inside the client's config JSON.
    const raw = new Database(dataFile);
    raw.exec(`${UNDO_AFTER_SCHEMA_5} PRAGMA user_version = 5;`);
    const { config } = raw.prepare('SELECT config FROM clients WHERE id = ?').get(clientId) as {
      config: string;
    };
    expect(JSON.parse(config)).toMatchObject({ secret: clientSecret });
    raw.close();

    const { emulator, cognito } = await emulatorWithSdk({ dataFile });
    try {
      const signIn = (secret: string) =>
        cognito.initiateAuth({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: {
            USERNAME: 'old@example.com',
            PASSWORD,
            SECRET_HASH: secretHash(secret, 'old@example.com', clientId),
          },
        });
      await signIn(clientSecret!);
      const { UserPoolClient } = await cognito.describeUserPoolClient({
        UserPoolId: poolId,
        ClientId: clientId,
      });
      expect(UserPoolClient!.ClientSecret).toBe(clientSecret);
      const { ClientSecrets } = await cognito.listUserPoolClientSecrets({
        UserPoolId: poolId,
        ClientId: clientId,
      });
      expect(ClientSecrets).toHaveLength(1);
      expect(ClientSecrets![0]!.ClientSecretId).toBe(
        `${clientId}--${UserPoolClient!.CreationDate!.getTime()}`,
      );
      const stored = emulatorConfig(dataFile, clientId);
      expect(stored).not.toHaveProperty('secret');

      const { ClientSecretDescriptor } = await cognito.addUserPoolClientSecret({
        UserPoolId: poolId,
        ClientId: clientId,
      });
      await signIn(ClientSecretDescriptor!.ClientSecretValue!);
      await signIn(clientSecret!);

      const publicOne = await cognito.describeUserPoolClient({
        UserPoolId: poolId,
        ClientId: publicClient.UserPoolClient!.ClientId!,
      });
      expect(publicOne.UserPoolClient!.ClientSecret).toBeUndefined();
    } finally {
      await emulator.stop();
    }
  });
});

/** A client's stored config JSON, read from the data file beside the running emulator. */
function emulatorConfig(dataFile: string, clientId: string): Record<string, unknown> {
  const raw = new Database(dataFile, { readonly: true });
  try {
    const row = raw.prepare('SELECT config FROM clients WHERE id = ?').get(clientId) as { config: string };
    return JSON.parse(row.config) as Record<string, unknown>;
  } finally {
    raw.close();
  }
}

/** Seed files declare a pool's domain, resource servers and OAuth clients, once. */
describe('seeded OAuth configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-emulator-oauth-seed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const seed = (prefix: string, scope = 'https://api.example.com/read') => ({
    pools: [
      {
        name: 'oauth',
        id: 'us-east-1_OAuthSeed1',
        domain: { Domain: prefix, ManagedLoginVersion: 2 },
        resourceServers: [
          {
            Identifier: 'https://api.example.com',
            Name: 'API',
            Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }],
          },
        ],
        clients: [
          {
            name: 'machine',
            generateSecret: true,
            settings: {
              AllowedOAuthFlowsUserPoolClient: true,
              AllowedOAuthFlows: ['client_credentials'],
              AllowedOAuthScopes: [scope],
            },
          },
        ],
      },
    ],
  });

  it('creates them once and finds them again on restart', async () => {
    const dataFile = join(dir, 'seeded.db');
    const prefix = `seeded-${process.pid}`;
    const first = await startEmulator({ port: 0, dataFile, seed: seed(prefix) });
    const ctx = contextOf(first);
    expect(poolDomain(ctx, 'us-east-1_OAuthSeed1')).toBe(prefix);
    expect(ctx.domains.find(prefix)?.managedLoginVersion).toBe(2);
    expect([...resourceServerScopes(ctx, 'us-east-1_OAuthSeed1')]).toEqual(['https://api.example.com/read']);
    const machine = first.pools.oauth!.clients.machine!;
    expect(machine.secret).toBeTypeOf('string');
    await first.stop();

    const second = await startEmulator({ port: 0, dataFile, seed: seed(prefix) });
    try {
      expect(second.pools.oauth!.clients.machine).toEqual(machine);
      expect(contextOf(second).domains.ofPool('us-east-1_OAuthSeed1')).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });

  it('refuses what the API refuses: a scope no resource server defines', async () => {
    await expect(
      startEmulator({ port: 0, seed: seed(`bad-${process.pid}`, 'https://api.example.com/write') }),
    ).rejects.toMatchObject({ name: 'ScopeDoesNotExistException' });
    await expect(startEmulator({ port: 0, seed: seed('Not_A_Prefix') })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });
});
