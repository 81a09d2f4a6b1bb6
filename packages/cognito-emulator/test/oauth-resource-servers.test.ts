import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { contextOf } from '../src/start.js';
import { resourceServerScopes } from '../src/services/oauth-config.js';
import { emulatorWithSdk, race, rejection } from './helpers.js';

/** Resource servers: Create, Describe, List, Update, DeleteResourceServer. */
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
let poolId: string;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
  poolId = await newPool();
});
afterAll(() => emulator.stop());

async function newPool(): Promise<string> {
  const { UserPool } = await cognito.createUserPool({ PoolName: 'resource-servers' });
  return UserPool!.Id!;
}

const read = { ScopeName: 'read', ScopeDescription: 'Read the data' };
const write = { ScopeName: 'write', ScopeDescription: 'Change the data' };

describe('CreateResourceServer and DescribeResourceServer', () => {
  it('stores a resource server with its scopes', async () => {
    const created = await cognito.createResourceServer({
      UserPoolId: poolId,
      Identifier: 'https://api.example.com',
      Name: 'Example API',
      Scopes: [read, write],
    });
    const expected = {
      UserPoolId: poolId,
      Identifier: 'https://api.example.com',
      Name: 'Example API',
      Scopes: [read, write],
    };
    expect(created.ResourceServer).toEqual(expected);
    const described = await cognito.describeResourceServer({
      UserPoolId: poolId,
      Identifier: 'https://api.example.com',
    });
    expect(described.ResourceServer).toEqual(expected);
    expect(resourceServerScopes(contextOf(emulator), poolId)).toEqual(
      new Set(['https://api.example.com/read', 'https://api.example.com/write']),
    );
  });

  it('refuses an identifier the pool already has', async () => {
    await cognito.createResourceServer({ UserPoolId: poolId, Identifier: 'twice', Name: 'Once' });
    expect(
      await rejection(
        cognito.createResourceServer({ UserPoolId: poolId, Identifier: 'twice', Name: 'Twice' }),
      ),
    ).toEqual(
      expect.objectContaining({
        name: 'InvalidParameterException',
        message: `twice already exists in user pool ${poolId}.`,
      }),
    );
    // Another pool may use it.
    const other = await newPool();
    await cognito.createResourceServer({ UserPoolId: other, Identifier: 'twice', Name: 'Elsewhere' });
  });

  it('checks the API model constraints: identifier, name, scope names, at most 100 scopes', async () => {
    const cases = [
      { Identifier: 'has"quote', Name: 'ok' },
      { Identifier: 'ok1', Name: 'bad/name' },
      { Identifier: 'ok2', Name: 'ok', Scopes: [{ ScopeName: 'a/b', ScopeDescription: 'slash' }] },
      { Identifier: 'ok3', Name: 'ok', Scopes: [{ ScopeName: 'x', ScopeDescription: '' }] },
      {
        Identifier: 'ok4',
        Name: 'ok',
        Scopes: Array.from({ length: 101 }, (_, i) => ({ ScopeName: `s${i}`, ScopeDescription: 'd' })),
      },
      { Identifier: 'i'.repeat(257), Name: 'ok' },
    ];
    for (const input of cases) {
      const error = await rejection(cognito.createResourceServer({ UserPoolId: poolId, ...input }));
      expect(error.name).toBe('InvalidParameterException');
      expect(error.message).toMatch(/validation error/);
    }
    const hundred = Array.from({ length: 100 }, (_, i) => ({ ScopeName: `s${i}`, ScopeDescription: 'd' }));
    const { ResourceServer } = await cognito.createResourceServer({
      UserPoolId: poolId,
      Identifier: 'hundred',
      Name: 'Hundred',
      Scopes: hundred,
    });
    expect(ResourceServer!.Scopes).toHaveLength(100);
  });

  it('answers ResourceNotFoundException for an unknown pool or resource server', async () => {
    expect(
      await rejection(
        cognito.createResourceServer({ UserPoolId: 'us-east-1_nothere00', Identifier: 'x', Name: 'x' }),
      ),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_nothere00 does not exist.',
    });
    for (const call of [
      cognito.describeResourceServer({ UserPoolId: poolId, Identifier: 'missing' }),
      cognito.updateResourceServer({ UserPoolId: poolId, Identifier: 'missing', Name: 'x' }),
      cognito.deleteResourceServer({ UserPoolId: poolId, Identifier: 'missing' }),
    ]) {
      expect(await rejection(call)).toEqual(
        expect.objectContaining({
          name: 'ResourceNotFoundException',
          message: 'Resource server missing does not exist.',
        }),
      );
    }
  });

  it('N parallel creates of one identifier: one wins', async () => {
    const pool = await newPool();
    const { won, lost } = await race(10, (i) =>
      cognito.createResourceServer({ UserPoolId: pool, Identifier: 'contested', Name: `n${i}` }),
    );
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.name)).toEqual(Array(9).fill('InvalidParameterException'));
    const { ResourceServers } = await cognito.listResourceServers({ UserPoolId: pool, MaxResults: 50 });
    expect(ResourceServers).toHaveLength(1);
  });
});

describe('UpdateResourceServer and DeleteResourceServer', () => {
  it('replaces name and scopes; scopes left out are gone', async () => {
    await cognito.createResourceServer({
      UserPoolId: poolId,
      Identifier: 'upd',
      Name: 'Before',
      Scopes: [read],
    });
    const updated = await cognito.updateResourceServer({
      UserPoolId: poolId,
      Identifier: 'upd',
      Name: 'After',
      Scopes: [write],
    });
    expect(updated.ResourceServer).toEqual({
      UserPoolId: poolId,
      Identifier: 'upd',
      Name: 'After',
      Scopes: [write],
    });
    await cognito.updateResourceServer({ UserPoolId: poolId, Identifier: 'upd', Name: 'Bare' });
    const { ResourceServer } = await cognito.describeResourceServer({
      UserPoolId: poolId,
      Identifier: 'upd',
    });
    expect(ResourceServer).toMatchObject({ Name: 'Bare', Scopes: [] });
    expect(resourceServerScopes(contextOf(emulator), poolId).has('upd/write')).toBe(false);
  });

  it('deletes a resource server and its scopes', async () => {
    await cognito.createResourceServer({
      UserPoolId: poolId,
      Identifier: 'del',
      Name: 'Del',
      Scopes: [read],
    });
    await cognito.deleteResourceServer({ UserPoolId: poolId, Identifier: 'del' });
    expect(
      await rejection(cognito.describeResourceServer({ UserPoolId: poolId, Identifier: 'del' })),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect(resourceServerScopes(contextOf(emulator), poolId).has('del/read')).toBe(false);
  });

  it('deleting the pool deletes its resource servers', async () => {
    const pool = await newPool();
    await cognito.createResourceServer({ UserPoolId: pool, Identifier: 'kept?', Name: 'K', Scopes: [read] });
    await cognito.deleteUserPool({ UserPoolId: pool });
    expect(resourceServerScopes(contextOf(emulator), pool).size).toBe(0);
    expect(await rejection(cognito.listResourceServers({ UserPoolId: pool, MaxResults: 10 }))).toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('ListResourceServers', () => {
  it('pages through every resource server in identifier order, MaxResults 1 to 50', async () => {
    const pool = await newPool();
    const identifiers = Array.from({ length: 7 }, (_, i) => `api-${i}`);
    for (const identifier of identifiers) {
      await cognito.createResourceServer({
        UserPoolId: pool,
        Identifier: identifier,
        Name: identifier,
        Scopes: [read],
      });
    }
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await cognito.listResourceServers({ UserPoolId: pool, MaxResults: 3, NextToken });
      expect(page.ResourceServers!.length).toBeLessThanOrEqual(3);
      seen.push(...page.ResourceServers!.map((s) => s.Identifier!));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    expect(seen).toEqual(identifiers);
    expect(pages).toBe(3);

    for (const MaxResults of [0, 51]) {
      expect(await rejection(cognito.listResourceServers({ UserPoolId: pool, MaxResults }))).toMatchObject({
        name: 'InvalidParameterException',
      });
    }
    expect(
      await rejection(cognito.listResourceServers({ UserPoolId: pool, MaxResults: 5, NextToken: 'forged' })),
    ).toMatchObject({ name: 'InvalidParameterException', message: 'Invalid pagination token.' });
  });
});
