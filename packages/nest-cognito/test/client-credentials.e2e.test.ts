import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { type RunningEmulator, startEmulator } from 'cognito-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CognitoClientCredentials,
  CognitoClientCredentialsError,
  CognitoModule,
  type CognitoModuleOptions,
} from '../src/index.js';

const CREDENTIALS = { accessKeyId: 'emulator', secretAccessKey: 'emulator' };

/**
 * The emulator behind a pass-through proxy that counts the requests it sees (`GET /<pool>/...`,
 * `POST /oauth2/token`): how many calls the fetcher really made. The proxy keeps the `Host` it was
 * called with, so the OpenID configuration names the proxy's token endpoint.
 */
async function countingProxy(target: string) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const upstream = httpRequest(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: (what: string) => seen.filter((line) => line === what).length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let emulator: RunningEmulator;
let proxy: Awaited<ReturnType<typeof countingProxy>>;
let sdk: CognitoIdentityProvider;
let poolId: string;
let noDomainPoolId: string;
let machine: { id: string; secret: string };
const TOKEN = 'POST /oauth2/token';
const discovery = () => `GET /${poolId}/.well-known/openid-configuration`;

/** A client with a secret allowed `client_credentials` and the given custom scopes. */
async function machineClient(name: string, scopes: string[]) {
  const { UserPoolClient } = await sdk.createUserPoolClient({
    UserPoolId: poolId,
    ClientName: name,
    GenerateSecret: true,
    AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthScopes: scopes,
  });
  return { id: UserPoolClient!.ClientId!, secret: UserPoolClient!.ClientSecret! };
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  proxy = await countingProxy(emulator.endpoint);
  sdk = new CognitoIdentityProvider({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
  poolId = (await sdk.createUserPool({ PoolName: 'machines' })).UserPool!.Id!;
  noDomainPoolId = (await sdk.createUserPool({ PoolName: 'no-domain' })).UserPool!.Id!;
  await sdk.createUserPoolDomain({ UserPoolId: poolId, Domain: `h5-${randomBytes(4).toString('hex')}` });
  await sdk.createResourceServer({
    UserPoolId: poolId,
    Identifier: 'api',
    Name: 'API',
    Scopes: [
      { ScopeName: 'read', ScopeDescription: 'Read' },
      { ScopeName: 'write', ScopeDescription: 'Write' },
    ],
  });
  machine = await machineClient('machine', ['api/read', 'api/write']);
});
afterAll(async () => {
  await proxy?.close();
  await emulator?.stop();
});

/** A fetcher of the machine client through the proxy, with a clock the test moves. */
function fetcher(
  options: { scopes?: string[]; client?: { id: string; secret: string }; tokenEndpoint?: string } = {},
) {
  const clock = { now: Date.now() };
  const client = options.client ?? machine;
  const credentials = new CognitoClientCredentials({
    clientId: client.id,
    clientSecret: client.secret,
    userPoolId: poolId,
    endpoint: proxy.url,
    ...(options.scopes ? { scopes: options.scopes } : {}),
    ...(options.tokenEndpoint ? { tokenEndpoint: options.tokenEndpoint } : {}),
    now: () => clock.now,
  });
  return { credentials, clock };
}

/** The claims of a token, checked by aws-jwt-verify against the pool's JWKS with the given scopes. */
async function verified(token: string, clientId: string, scope: string[]) {
  const verifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId, scope });
  const jwks = await (await fetch(`${emulator.endpoint}/${poolId}/.well-known/jwks.json`)).json();
  verifier.cacheJwks(jwks);
  return verifier.verify(token);
}

/** How many requests `run` makes through the proxy, by kind. */
async function counted<T>(
  run: () => Promise<T>,
): Promise<{ result: T; tokens: number; discoveries: number }> {
  const [tokens, discoveries] = [proxy.count(TOKEN), proxy.count(discovery())];
  const result = await run();
  return { result, tokens: proxy.count(TOKEN) - tokens, discoveries: proxy.count(discovery()) - discoveries };
}

describe('CognitoClientCredentials against the emulated token endpoint', () => {
  it("finds the token endpoint through the pool's OpenID configuration; the token verifies with its scopes", async () => {
    const { credentials } = fetcher();
    const { result: token, tokens, discoveries } = await counted(() => credentials.getAccessToken());
    expect({ tokens, discoveries }).toEqual({ tokens: 1, discoveries: 1 });
    const claims = await verified(token, machine.id, ['api/read']);
    expect(claims).toMatchObject({ sub: machine.id, client_id: machine.id, token_use: 'access' });
    expect(claims.username).toBeUndefined();
    expect(String(claims.scope).split(' ').sort()).toEqual(['api/read', 'api/write']);
    await expect(verified(token, machine.id, ['api/admin'])).rejects.toThrow();
    expect(await credentials.authorizationHeader()).toBe(`Bearer ${token}`);
  });

  it('asks for the configured scopes only', async () => {
    const { credentials } = fetcher({ scopes: ['api/read'] });
    const claims = await verified(await credentials.getAccessToken(), machine.id, ['api/read']);
    expect(claims.scope).toBe('api/read');
  });

  it('reuses the token until its expiry less the skew, then fetches one (the endpoint is not discovered again)', async () => {
    const { credentials, clock } = fetcher();
    const requestedAt = clock.now;
    const first = await credentials.getToken();
    // The client's access tokens live 60 minutes (Cognito's default).
    expect(first.expiresAt).toBe(requestedAt + 3_600_000);
    const refreshAt = first.expiresAt - 60_000;
    clock.now = refreshAt - 1;
    const again = await counted(() => credentials.getAccessToken());
    expect(again).toMatchObject({ result: first.accessToken, tokens: 0, discoveries: 0 });
    clock.now = refreshAt;
    const renewed = await counted(() => credentials.getToken());
    expect(renewed).toMatchObject({ tokens: 1, discoveries: 0 });
    expect(renewed.result.expiresAt).toBe(refreshAt + 3_600_000);
    expect(renewed.result.accessToken).not.toBe(first.accessToken);
    // invalidate() drops the cached token: the next call fetches.
    credentials.invalidate();
    expect(await counted(() => credentials.getAccessToken())).toMatchObject({ tokens: 1 });
  });

  it('20 parallel callers cause one request and get the same token', async () => {
    const { credentials } = fetcher();
    const { result, tokens, discoveries } = await counted(() =>
      Promise.all(Array.from({ length: 20 }, () => credentials.getAccessToken())),
    );
    expect({ tokens, discoveries }).toEqual({ tokens: 1, discoveries: 1 });
    expect(new Set(result).size).toBe(1);
  });

  it('a failure is shared by the callers waiting on it and not kept: the next call asks again', async () => {
    const narrowClient = await machineClient('widening', ['api/read']);
    const { credentials } = fetcher({ client: narrowClient, scopes: ['api/write'] });
    const { result: outcomes, tokens } = await counted(() =>
      Promise.allSettled(Array.from({ length: 20 }, () => credentials.getAccessToken())),
    );
    expect(tokens).toBe(1);
    const reasons = new Set(outcomes.map((o) => (o.status === 'rejected' ? o.reason : o.value)));
    expect(reasons.size).toBe(1);
    const [error] = reasons as Set<CognitoClientCredentialsError>;
    expect(error).toBeInstanceOf(CognitoClientCredentialsError);
    expect(error).toMatchObject({ code: 'invalid_scope', status: 400 });
    // The client is allowed the scope now: the next call asks again, and succeeds.
    await sdk.updateUserPoolClient({
      UserPoolId: poolId,
      ClientId: narrowClient.id,
      ClientName: 'widening',
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['api/read', 'api/write'],
    });
    const retried = await counted(() => credentials.getAccessToken());
    expect(retried.tokens).toBe(1);
    expect((await verified(retried.result, narrowClient.id, ['api/write'])).scope).toBe('api/write');
  });

  it('a wrong secret is invalid_client, and the secret is in no message, no inspection, no JSON', async () => {
    const wrong = `${machine.secret.slice(0, -4)}XXXX`;
    const { credentials } = fetcher({ client: { id: machine.id, secret: wrong } });
    const error = await credentials.getAccessToken().then(
      () => undefined,
      (e: unknown) => e as CognitoClientCredentialsError,
    );
    expect(error).toBeInstanceOf(CognitoClientCredentialsError);
    expect(error).toMatchObject({ code: 'invalid_client', status: 400 });
    expect(error!.message).toContain(`${proxy.url}/oauth2/token`);
    for (const text of [
      error!.message,
      error!.stack ?? '',
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      inspect(credentials, { showHidden: true }),
    ]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(machine.secret);
    }
  });

  it('a client not allowed the flow is unauthorized_client', async () => {
    const { UserPoolClient } = await sdk.createUserPoolClient({
      UserPoolId: poolId,
      ClientName: 'code-only',
      GenerateSecret: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid'],
      CallbackURLs: ['https://app.example.com/callback'],
    });
    const { credentials } = fetcher({
      client: { id: UserPoolClient!.ClientId!, secret: UserPoolClient!.ClientSecret! },
    });
    await expect(credentials.getAccessToken()).rejects.toMatchObject({ code: 'unauthorized_client' });
  });

  it('with tokenEndpoint given, nothing is discovered', async () => {
    const { credentials } = fetcher({ tokenEndpoint: `${proxy.url}/oauth2/token` });
    expect(await counted(() => credentials.getAccessToken())).toMatchObject({ tokens: 1, discoveries: 0 });
  });

  it('a pool without a domain has no token endpoint: discovery_failed, which says so', async () => {
    const credentials = new CognitoClientCredentials({
      clientId: machine.id,
      clientSecret: machine.secret,
      userPoolId: noDomainPoolId,
      endpoint: proxy.url,
    });
    await expect(credentials.getAccessToken()).rejects.toMatchObject({
      code: 'discovery_failed',
      message: expect.stringContaining(
        'names no token_endpoint: give the pool a domain, or set tokenEndpoint',
      ),
    });
  });

  it('an endpoint that does not answer is request_failed, naming the URL', async () => {
    const closed = await countingProxy(emulator.endpoint);
    await closed.close();
    const credentials = new CognitoClientCredentials({
      clientId: machine.id,
      clientSecret: machine.secret,
      tokenEndpoint: `${closed.url}/oauth2/token`,
    });
    await expect(credentials.getAccessToken()).rejects.toMatchObject({
      code: 'request_failed',
      message: `Token endpoint ${closed.url}/oauth2/token failed: ECONNREFUSED`,
    });
  });
});

describe('CognitoClientCredentials in CognitoModule', () => {
  async function contextWith(options: Partial<CognitoModuleOptions>) {
    @Module({
      imports: [
        CognitoModule.forRoot({
          userPoolId: poolId,
          clientId: machine.id,
          endpoint: proxy.url,
          credentials: CREDENTIALS,
          ...options,
        }),
      ],
    })
    class ClientCredentialsAppModule {}
    return NestFactory.createApplicationContext(ClientCredentialsAppModule, {
      logger: false,
      abortOnError: false,
    });
  }

  it("is injectable once configured, in the module's pool and endpoint", async () => {
    const app = await contextWith({
      clientCredentials: { clientId: machine.id, clientSecret: machine.secret, scopes: ['api/read'] },
    });
    try {
      const credentials = app.get(CognitoClientCredentials);
      const { result, discoveries } = await counted(() => credentials.getAccessToken());
      expect(discoveries).toBe(1);
      expect((await verified(result, machine.id, ['api/read'])).scope).toBe('api/read');
    } finally {
      await app.close();
    }
  });

  it('says it is not configured when the module has no clientCredentials', async () => {
    const app = await contextWith({});
    try {
      await expect(app.get(CognitoClientCredentials).getAccessToken()).rejects.toMatchObject({
        code: 'not_configured',
        message: expect.stringContaining('CognitoModule was given no clientCredentials option'),
      });
    } finally {
      await app.close();
    }
  });

  it('does not start with invalid clientCredentials', async () => {
    await expect(
      contextWith({ clientCredentials: { clientId: machine.id, clientSecret: '' } }),
    ).rejects.toThrow('clientCredentials.clientSecret is required');
  });
});
