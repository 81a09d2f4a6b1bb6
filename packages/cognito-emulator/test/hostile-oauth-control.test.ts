import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emailPool, emulatorWithSdk, race, rejection } from './helpers.js';
import { API, basic, machineClient, oauthPool, postForm, READ, WRITE } from './oauth-fixture.js';

/*
 * Hostile tests of the OAuth control plane: what a careless administrator or a script retrying
 * calls does to domains, resource servers, app clients' OAuth settings and secrets. A test whose
 * expectation is AWS's documented behaviour pins it.
 */

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
});
afterAll(() => emulator.stop());

const newPool = async () => (await cognito.createUserPool({ PoolName: 'hostile' })).UserPool!.Id!;
const unique = () => Math.random().toString(36).slice(2, 10);

describe('client secrets', () => {
  it('a secret id is never given again, even when the clock stands still: a retried delete cannot remove the new secret', async () => {
    const frozen = await emulatorWithSdk({ now: () => 1_800_000_000_000 });
    try {
      const sdk = frozen.cognito;
      const { poolId, clientId } = await emailPool(sdk, { secret: true });
      const ids = new Set<string>();
      const list = async () =>
        (await sdk.listUserPoolClientSecrets({ UserPoolId: poolId, ClientId: clientId })).ClientSecrets!;
      for (const s of await list()) ids.add(s.ClientSecretId!);
      for (let round = 0; round < 3; round++) {
        const { ClientSecretDescriptor } = await sdk.addUserPoolClientSecret({
          UserPoolId: poolId,
          ClientId: clientId,
        });
        const id = ClientSecretDescriptor!.ClientSecretId!;
        expect(ids.has(id)).toBe(false);
        ids.add(id);
        await sdk.deleteUserPoolClientSecret({ UserPoolId: poolId, ClientId: clientId, ClientSecretId: id });
        // A script retrying the delete it already made: the secret is gone, nothing else is touched.
        expect(
          await rejection(
            sdk.deleteUserPoolClientSecret({ UserPoolId: poolId, ClientId: clientId, ClientSecretId: id }),
          ),
        ).toMatchObject({ name: 'ResourceNotFoundException' });
        expect(await list()).toHaveLength(1);
      }
      // The id keeps AWS's form, <client id>--<epoch time>.
      for (const id of ids) expect(id).toMatch(new RegExp(`^${clientId}--\\d+$`));
    } finally {
      await frozen.emulator.stop();
    }
  });

  it("a client cannot delete another client's secret by its id", async () => {
    const a = await emailPool(cognito, { secret: true });
    const b = await emailPool(cognito, { secret: true });
    await cognito.addUserPoolClientSecret({ UserPoolId: b.poolId, ClientId: b.clientId });
    const [bFirst] = (await cognito.listUserPoolClientSecrets({ UserPoolId: b.poolId, ClientId: b.clientId }))
      .ClientSecrets!;
    expect(
      await rejection(
        cognito.deleteUserPoolClientSecret({
          UserPoolId: a.poolId,
          ClientId: a.clientId,
          ClientSecretId: bFirst!.ClientSecretId!,
        }),
      ),
    ).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(
      (await cognito.listUserPoolClientSecrets({ UserPoolId: b.poolId, ClientId: b.clientId })).ClientSecrets,
    ).toHaveLength(2);
  });

  it('parallel adds to a client with one secret: one is added, the others are LimitExceededException', async () => {
    const { poolId, clientId } = await emailPool(cognito, { secret: true });
    const { won, lost } = await race(8, () =>
      cognito.addUserPoolClientSecret({ UserPoolId: poolId, ClientId: clientId }),
    );
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.name)).toEqual(Array(7).fill('LimitExceededException'));
    const listed = (await cognito.listUserPoolClientSecrets({ UserPoolId: poolId, ClientId: clientId }))
      .ClientSecrets!;
    expect(new Set(listed.map((s) => s.ClientSecretId)).size).toBe(2);
  });
});

describe('domains', () => {
  it('a prefix with capitals, non-ASCII letters, a dot or an edge hyphen is InvalidParameterException', async () => {
    const poolId = await newPool();
    for (const domain of ['MyApp', 'bücher', 'my.app', '-app', 'app-', `a${'b'.repeat(63)}`]) {
      expect(
        await rejection(cognito.createUserPoolDomain({ UserPoolId: poolId, Domain: domain })),
      ).toMatchObject({
        name: 'InvalidParameterException',
      });
    }
    // The ASCII form of an international name is a plain label.
    await cognito.createUserPoolDomain({ UserPoolId: poolId, Domain: `xn--bcher-${unique()}` });
  });

  it('a domain named by one pool is not deleted, updated or described as its own by another', async () => {
    const owner = await newPool();
    const other = await newPool();
    const domain = `owned-${unique()}`;
    await cognito.createUserPoolDomain({ UserPoolId: owner, Domain: domain });
    for (const call of [
      () => cognito.deleteUserPoolDomain({ UserPoolId: other, Domain: domain }),
      () => cognito.updateUserPoolDomain({ UserPoolId: other, Domain: domain, ManagedLoginVersion: 2 }),
      () => cognito.createUserPoolDomain({ UserPoolId: other, Domain: domain }),
    ]) {
      expect(await rejection(call())).toMatchObject({ name: 'InvalidParameterException' });
    }
    const { DomainDescription } = await cognito.describeUserPoolDomain({ Domain: domain });
    expect(DomainDescription).toMatchObject({ UserPoolId: owner, ManagedLoginVersion: 1 });
  });

  it('a pool deleted while its domain is created: either the pool stays with its domain, or both are gone', async () => {
    for (let round = 0; round < 5; round++) {
      const poolId = await newPool();
      const domain = `racing-${unique()}`;
      const [created, deleted] = await Promise.allSettled([
        cognito.createUserPoolDomain({ UserPoolId: poolId, Domain: domain }),
        cognito.deleteUserPool({ UserPoolId: poolId }),
      ]);
      const { DomainDescription } = await cognito.describeUserPoolDomain({ Domain: domain });
      const poolExists = await cognito.describeUserPool({ UserPoolId: poolId }).then(
        () => true,
        () => false,
      );
      if (poolExists) {
        expect(created.status).toBe('fulfilled');
        expect(deleted.status).toBe('rejected');
        expect(DomainDescription).toMatchObject({ UserPoolId: poolId });
      } else {
        expect(deleted.status).toBe('fulfilled');
        expect(DomainDescription).toEqual({});
        // The name is free again.
        await cognito.createUserPoolDomain({ UserPoolId: await newPool(), Domain: domain });
      }
    }
  });
});

describe('resource servers whose scopes clients hold', () => {
  let poolId: string;
  let tokenEndpoint: string;
  beforeAll(async () => {
    poolId = await oauthPool(cognito);
    const discovery = await fetch(`${emulator.endpoint}/${poolId}/.well-known/openid-configuration`);
    tokenEndpoint = ((await discovery.json()) as { token_endpoint: string }).token_endpoint;
  });

  const grant = (client: { clientId: string; clientSecret: string }, scope?: string) =>
    postForm(
      tokenEndpoint,
      { grant_type: 'client_credentials', ...(scope ? { scope } : {}) },
      { authorization: basic(client.clientId, client.clientSecret) },
    );

  it('UpdateResourceServer dropping a scope: the client keeps it listed, gets no token for it, and cannot be saved with it again', async () => {
    const client = await machineClient(cognito, poolId);
    expect((await grant(client, WRITE)).status).toBe(200);
    await cognito.updateResourceServer({
      UserPoolId: poolId,
      Identifier: API,
      Name: 'api',
      Scopes: [{ ScopeName: 'read', ScopeDescription: 'read' }],
    });
    try {
      const { UserPoolClient } = await cognito.describeUserPoolClient({
        UserPoolId: poolId,
        ClientId: client.clientId,
      });
      expect(UserPoolClient!.AllowedOAuthScopes).toEqual([READ, WRITE]);
      expect(await grant(client, WRITE)).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
      // Without a scope, the client gets those that still exist.
      const all = await grant(client);
      expect(all.status).toBe(200);
      expect(
        JSON.parse(Buffer.from(String(all.body.access_token).split('.')[1]!, 'base64url').toString()),
      ).toMatchObject({ scope: READ });
      expect(
        await rejection(
          cognito.updateUserPoolClient({
            UserPoolId: poolId,
            ClientId: client.clientId,
            AllowedOAuthFlowsUserPoolClient: true,
            AllowedOAuthFlows: ['client_credentials'],
            AllowedOAuthScopes: [READ, WRITE],
          }),
        ),
      ).toMatchObject({ name: 'ScopeDoesNotExistException', message: `Invalid scope requested: ${WRITE}` });
    } finally {
      await cognito.updateResourceServer({
        UserPoolId: poolId,
        Identifier: API,
        Name: 'api',
        Scopes: [
          { ScopeName: 'read', ScopeDescription: 'read' },
          { ScopeName: 'write', ScopeDescription: 'write' },
        ],
      });
    }
    // Defined again, the scope is granted again.
    expect((await grant(client, WRITE)).status).toBe(200);
  });

  it('DeleteResourceServer: clients holding its scopes get no token for them (AWS: "users can no longer generate access tokens with scopes" of it)', async () => {
    const other = 'https://other.example.test';
    await cognito.createResourceServer({
      UserPoolId: poolId,
      Identifier: other,
      Name: 'other',
      Scopes: [{ ScopeName: 'go', ScopeDescription: 'go' }],
    });
    const client = await machineClient(cognito, poolId, { AllowedOAuthScopes: [`${other}/go`] });
    expect((await grant(client)).status).toBe(200);
    await cognito.deleteResourceServer({ UserPoolId: poolId, Identifier: other });
    expect(await grant(client)).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    expect(await grant(client, `${other}/go`)).toMatchObject({
      status: 400,
      body: { error: 'invalid_scope' },
    });
    // Recreated by the same identifier, in the same pool, its scopes work again.
    await cognito.createResourceServer({
      UserPoolId: poolId,
      Identifier: other,
      Name: 'other',
      Scopes: [{ ScopeName: 'go', ScopeDescription: 'go' }],
    });
    expect((await grant(client)).status).toBe(200);
  });

  it("another pool's resource server of the same identifier gives no scope here", async () => {
    const elsewhere = await newPool();
    await cognito.createResourceServer({
      UserPoolId: elsewhere,
      Identifier: 'https://only-there.example.test',
      Name: 'there',
      Scopes: [{ ScopeName: 'x', ScopeDescription: 'x' }],
    });
    expect(
      await rejection(
        machineClient(cognito, poolId, { AllowedOAuthScopes: ['https://only-there.example.test/x'] }),
      ),
    ).toMatchObject({ name: 'ScopeDoesNotExistException' });
  });
});

describe("app clients' OAuth settings", () => {
  const base = async () => ({ UserPoolId: await newPool(), ClientName: 'web' });
  const web = (urls: string[], extra: Record<string, unknown> = {}) => ({
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code' as const],
    AllowedOAuthScopes: ['openid'],
    CallbackURLs: urls,
    ...extra,
  });

  it('100 callback URLs of 1024 characters are accepted; 101 are InvalidParameterException', async () => {
    const input = await base();
    const long = (i: number) => {
      const head = `https://app.example.com/${i}/`;
      return head + 'a'.repeat(1024 - head.length);
    };
    const urls = Array.from({ length: 100 }, (_, i) => long(i));
    const { UserPoolClient } = await cognito.createUserPoolClient({ ...input, ...web(urls) });
    expect(UserPoolClient!.CallbackURLs).toHaveLength(100);
    expect(
      await rejection(cognito.createUserPoolClient({ ...input, ...web([...urls, long(100)]) })),
    ).toMatchObject({ name: 'InvalidParameterException' });
  });

  it('DefaultRedirectURI must be one of the callbacks exactly: another case or a trailing slash is refused', async () => {
    const input = await base();
    const callback = 'https://app.example.com/callback';
    for (const fallback of [
      'https://APP.example.com/callback',
      'https://app.example.com/Callback',
      `${callback}/`,
    ]) {
      expect(
        await rejection(
          cognito.createUserPoolClient({ ...input, ...web([callback], { DefaultRedirectURI: fallback }) }),
        ),
      ).toMatchObject({
        name: 'InvalidParameterException',
        message: `The default redirect URI ${fallback} is not in the callback URIs list.`,
      });
    }
    const { UserPoolClient } = await cognito.createUserPoolClient({
      ...input,
      ...web([callback], { DefaultRedirectURI: callback }),
    });
    expect(UserPoolClient!.DefaultRedirectURI).toBe(callback);
  });

  it('plain HTTP only to the local machine: look-alikes of localhost are refused', async () => {
    const input = await base();
    for (const url of [
      'http://localhost.example.com/cb',
      'http://127.0.0.1.nip.io/cb',
      'http://localhost@evil.example.com/cb',
      'http://[::2]/cb',
    ]) {
      expect(await rejection(cognito.createUserPoolClient({ ...input, ...web([url]) }))).toMatchObject({
        name: 'InvalidParameterException',
      });
    }
    await cognito.createUserPoolClient({
      ...input,
      ...web(['http://localhost:3000/cb', 'myapp://callback']),
    });
  });

  it('client_credentials on a public client is refused on update too, and the client is unchanged', async () => {
    const { poolId, clientId } = await emailPool(cognito);
    await oauthResourceServer(poolId);
    expect(
      await rejection(
        cognito.updateUserPoolClient({
          UserPoolId: poolId,
          ClientId: clientId,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ['client_credentials'],
          AllowedOAuthScopes: [`${API}/read`],
        }),
      ),
    ).toMatchObject({ name: 'InvalidOAuthFlowException' });
    const { UserPoolClient } = await cognito.describeUserPoolClient({
      UserPoolId: poolId,
      ClientId: clientId,
    });
    expect(UserPoolClient!.AllowedOAuthFlows ?? []).toEqual([]);
  });
});

async function oauthResourceServer(poolId: string) {
  await cognito.createResourceServer({
    UserPoolId: poolId,
    Identifier: API,
    Name: 'api',
    Scopes: [{ ScopeName: 'read', ScopeDescription: 'read' }],
  });
}

describe('the API model patterns of OAuth settings', () => {
  // Accepted today: the list items of CallbackURLs, LogoutURLs, DefaultRedirectURI and AllowedOAuthScopes
  // lack the model's patterns in services/client-config.ts (not this suite's file). Enable with them.
  it('a callback URL with white space, or a scope with a space in it, is InvalidParameterException', async () => {
    const UserPoolId = await newPool();
    const oauth = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code' as const] };
    for (const input of [
      { ...oauth, AllowedOAuthScopes: ['openid'], CallbackURLs: ['https://app.example.com/a b'] },
      { ...oauth, AllowedOAuthScopes: ['openid'], CallbackURLs: ['https://app.example.com/\tcb'] },
      { ...oauth, AllowedOAuthScopes: ['openid email'], CallbackURLs: ['https://app.example.com/cb'] },
    ]) {
      expect(
        await rejection(cognito.createUserPoolClient({ UserPoolId, ClientName: 'p', ...input })),
      ).toMatchObject({
        name: 'InvalidParameterException',
      });
    }
  });
});
