import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { type Seed, startEmulator } from 'cognito-emulator';
import { afterAll, describe, expect, it } from 'vitest';
import { EMBEDDED_SEED, startEmbeddedCognito } from '../src/embedded-cognito.js';

const dir = mkdtempSync(join(tmpdir(), 'auth-server-upgrade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The embedded seed as versions before SRP wrote it: the client allowed the password flow and refresh. */
const OLD_SEED: Seed = {
  pools: EMBEDDED_SEED.pools.map((pool) => ({
    ...pool,
    clients: pool.clients?.map((client) => ({
      ...client,
      settings: {
        ...client.settings,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AccessTokenValidity: 30,
        TokenValidityUnits: { AccessToken: 'minutes' },
      },
    })),
  })),
};

describe('the embedded emulator on a data file of an earlier version', () => {
  it('adds the SRP flow to the client and keeps its secret and other settings', async () => {
    const dataFile = join(dir, 'cognito.db');
    const old = await startEmulator({ port: 0, dataFile, seed: OLD_SEED });
    const before = Object.values(old.pools)[0]!;
    const oldClient = Object.values(before.clients)[0]!;
    await old.stop();

    const { emulator, cognito } = await startEmbeddedCognito({ port: 0, dataFile });
    const sdk = new CognitoIdentityProvider({
      endpoint: emulator.endpoint,
      region: cognito.userPoolId.split('_')[0]!,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      expect(cognito).toMatchObject({ userPoolId: before.id, clientId: oldClient.id });
      expect(cognito.clientSecret).toBe(oldClient.secret);
      const { UserPoolClient: client } = await sdk.describeUserPoolClient({
        UserPoolId: cognito.userPoolId,
        ClientId: cognito.clientId,
      });
      expect(client?.ExplicitAuthFlows).toEqual([
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
        'ALLOW_USER_SRP_AUTH',
      ]);
      expect(client).toMatchObject({
        ClientSecret: oldClient.secret,
        AccessTokenValidity: 30,
        TokenValidityUnits: { AccessToken: 'minutes' },
      });
    } finally {
      sdk.destroy();
      await emulator.stop();
    }
  });
});
