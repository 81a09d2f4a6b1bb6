import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { Controller, Get, type INestApplication, Module, UseGuards } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test, type TestingModule } from '@nestjs/testing';
import { type EmulatedCognito, startEmulatedCognito } from 'nest-cognito/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CognitoAuthGuard,
  CognitoClientCredentials,
  CognitoModule,
  type CognitoUser,
  CurrentUser,
  MachinesOnly,
  Scopes,
  UsersOnly,
} from '../src/index.js';
import { ADAPTERS, type Adapter, request } from './helpers.js';

/*
 * nest-cognito/testing with OAuth 2.0: machine tokens of the emulated pool's machine client
 * (client credentials at the emulator's /oauth2/token), the application's own
 * CognitoClientCredentials pointed at that client by apply(), and users signed in on the managed
 * login (authorization code with PKCE), all checked by the application's real guard.
 */

@Controller('m')
@UseGuards(CognitoAuthGuard)
class ApiController {
  @Get('who')
  who(@CurrentUser() user: CognitoUser) {
    const { isMachine, sub, clientId, scopes } = user;
    return { isMachine, sub, clientId, username: user.username ?? null, scopes };
  }

  @Get('read')
  @Scopes('api/read')
  read() {
    return { ok: true };
  }

  @Get('write')
  @Scopes('api/write')
  write() {
    return { ok: true };
  }

  @Get('services')
  @MachinesOnly()
  services(@CurrentUser('clientId') clientId: string) {
    return { clientId };
  }

  @Get('people')
  @UsersOnly()
  people() {
    return { ok: true };
  }
}

/**
 * The application as configured for production: its pool on AWS, the services that call it in
 * `verification.clientIds`, a machine client of its own for outgoing calls (asking `api/read`).
 */
@Module({
  imports: [
    CognitoModule.forRoot({
      userPoolId: 'eu-west-1_Prod00001',
      clientId: 'prodclient1234',
      verification: { clientIds: ['prodclient1234', 'prodpartner1'] },
      clientCredentials: {
        clientId: 'prodmachine1',
        clientSecret: 'production-secret-never-sent',
        tokenEndpoint: 'https://prod-app.auth.eu-west-1.amazoncognito.com/oauth2/token',
        scopes: ['api/read'],
      },
      isGlobal: true,
    }),
  ],
  controllers: [ApiController],
})
class AppModule {}

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

async function startApp(cognito: EmulatedCognito, adapter: Adapter) {
  const moduleRef = await cognito.apply(Test.createTestingModule({ imports: [AppModule] })).compile();
  const nest: INestApplication =
    adapter === 'fastify'
      ? moduleRef.createNestApplication(new FastifyAdapter(), { logger: false })
      : moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  await nest.listen(0, '127.0.0.1');
  return { moduleRef, nest, url: await nest.getUrl() };
}

describe.each(ADAPTERS)('startEmulatedCognito: machine tokens and the managed login (%s)', (adapter) => {
  let cognito: EmulatedCognito;
  let moduleRef: TestingModule;
  let nest: INestApplication;
  let url: string;
  const get = (path: string, authorization?: string) =>
    request('GET', `${url}${path}`, undefined, authorization ? { authorization } : {});

  beforeAll(async () => {
    cognito = await startEmulatedCognito();
    ({ moduleRef, nest, url } = await startApp(cognito, adapter));
  });
  afterAll(async () => {
    await nest?.close();
    await cognito?.stop();
  });

  it('machineToken(): a real client-credentials token the guard accepts as a machine with its scopes', async () => {
    const machine = await cognito.machineToken();
    expect(machine.clientId).toBe(cognito.machineClientId);
    expect(machine.scopes).toEqual(['api/read', 'api/write']);
    const who = await get('/m/who', machine.authorization);
    expect(who).toMatchObject({
      status: 200,
      body: {
        isMachine: true,
        sub: machine.clientId,
        clientId: machine.clientId,
        username: null,
        scopes: ['api/read', 'api/write'],
      },
    });
    expect((await get('/m/read', machine.authorization)).status).toBe(200);
    expect((await get('/m/write', machine.authorization)).status).toBe(200);
    expect(await get('/m/services', machine.authorization)).toMatchObject({
      status: 200,
      body: { clientId: machine.clientId },
    });
  });

  it('@Scopes: a machine token without the scope is refused with 403', async () => {
    const reader = await cognito.machineToken({ scopes: ['api/read'] });
    expect(reader.scopes).toEqual(['api/read']);
    expect((await get('/m/read', reader.authorization)).status).toBe(200);
    expect((await get('/m/write', reader.authorization)).status).toBe(403);
  });

  it('@UsersOnly refuses a machine, @MachinesOnly a user; a user has no custom scope from signInAs', async () => {
    const machine = await cognito.machineToken();
    const user = await cognito.signInAs();
    expect((await get('/m/people', machine.authorization)).status).toBe(403);
    expect((await get('/m/people', user.authorization)).status).toBe(200);
    expect((await get('/m/services', user.authorization)).status).toBe(403);
    expect((await get('/m/read', user.authorization)).status).toBe(403);
  });

  it('a scope the pool does not have is refused by the token endpoint (invalid_scope)', async () => {
    await expect(cognito.machineToken({ scopes: ['orders/read'] })).rejects.toThrow(/invalid_scope/);
  });

  it('apply(): only this pool’s clients are accepted: another machine client of the pool gets 401', async () => {
    const sdk = new CognitoIdentityProvider({
      endpoint: cognito.emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const { UserPoolClient: stray } = await sdk.createUserPoolClient({
      UserPoolId: cognito.userPoolId,
      ClientName: 'stray',
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['api/read'],
    });
    sdk.destroy();
    const token = await new CognitoClientCredentials({
      clientId: stray!.ClientId!,
      clientSecret: stray!.ClientSecret!,
      tokenEndpoint: `${cognito.emulator.endpoint}/oauth2/token`,
    }).getAccessToken();
    expect(claimsOf(token).client_id).toBe(stray!.ClientId);
    expect((await get('/m/read', `Bearer ${token}`)).status).toBe(401);
    expect(cognito.clientIds).toEqual([cognito.clientId, cognito.machineClientId]);
  });

  it('apply(): the application’s CognitoClientCredentials gets the machine client’s tokens, with its own scopes', async () => {
    const credentials = moduleRef.get(CognitoClientCredentials);
    expect(credentials.clientId).toBe(cognito.machineClientId);
    const token = await credentials.getAccessToken();
    expect(claimsOf(token)).toMatchObject({ client_id: cognito.machineClientId, scope: 'api/read' });
    expect((await get('/m/read', `Bearer ${token}`)).status).toBe(200);
    expect((await get('/m/write', `Bearer ${token}`)).status).toBe(403);
  });

  it('clientCredentialsOptions(scopes): a CognitoClientCredentials made outside Nest fetches here', async () => {
    const options = cognito.clientCredentialsOptions(['api/write']);
    expect(options).toMatchObject({ clientId: cognito.machineClientId, userPoolId: cognito.userPoolId });
    const token = await new CognitoClientCredentials(options).getAccessToken();
    expect(claimsOf(token).scope).toBe('api/write');
    expect((await get('/m/write', `Bearer ${token}`)).status).toBe(200);
    expect((await get('/m/read', `Bearer ${token}`)).status).toBe(403);
  });

  it('signInWithManagedLogin(): the code grant with PKCE through the sign-in page; the token carries the asked scopes', async () => {
    const user = await cognito.signInAs({ email: `managed-${adapter}@example.test` });
    const tokens = await cognito.signInWithManagedLogin({ user, scopes: ['openid', 'api/read'] });
    expect(tokens.scopes.sort()).toEqual(['api/read', 'openid']);
    expect(claimsOf(tokens.idToken!).email).toBe(user.email);
    expect(await get('/m/who', tokens.authorization)).toMatchObject({
      status: 200,
      body: { isMachine: false, sub: user.sub, username: user.username },
    });
    expect((await get('/m/read', tokens.authorization)).status).toBe(200);
    expect((await get('/m/write', tokens.authorization)).status).toBe(403);
  });

  it('signInWithManagedLogin() without a user makes one; OpenID’s scopes by default', async () => {
    const tokens = await cognito.signInWithManagedLogin();
    expect(tokens.scopes.sort()).toEqual(['email', 'openid', 'profile']);
    expect(claimsOf(tokens.accessToken).username).toBeTruthy();
    expect(tokens.refreshToken).toBeTruthy();
    expect((await get('/m/people', tokens.authorization)).status).toBe(200);
  });

  it('a wrong password on the managed login fails with Cognito’s message, never the password', async () => {
    const user = await cognito.signInAs();
    const failure = cognito.signInWithManagedLogin({
      user: { email: user.email, password: 'Wrong-passw0rd!' },
    });
    await expect(failure).rejects.toThrow('Incorrect username or password.');
    await expect(failure).rejects.not.toThrow('Wrong-passw0rd!');
  });
});

describe('startEmulatedCognito({ resourceServers })', () => {
  it('names the custom scopes of the pool and of its machine client', async () => {
    const cognito = await startEmulatedCognito({ resourceServers: { orders: ['read', 'export'] } });
    try {
      expect(cognito.scopes).toEqual(['orders/read', 'orders/export']);
      expect((await cognito.machineToken()).scopes).toEqual(['orders/read', 'orders/export']);
      expect((await cognito.machineToken({ scopes: ['orders/export'] })).scopes).toEqual(['orders/export']);
      await expect(cognito.machineToken({ scopes: ['api/read'] })).rejects.toThrow(/invalid_scope/);
    } finally {
      await cognito.stop();
    }
  });

  it('without any scope there is no machine client, and machineToken() says why', async () => {
    const cognito = await startEmulatedCognito({ resourceServers: {} });
    try {
      expect(cognito.machineClientId).toBeUndefined();
      expect(cognito.clientIds).toEqual([cognito.clientId]);
      await expect(cognito.machineToken()).rejects.toThrow(/no machine client.*resourceServers/);
      expect(() => cognito.clientCredentialsOptions()).toThrow(/no machine client/);
      expect((await cognito.signInWithManagedLogin()).accessToken).toBeTruthy();
    } finally {
      await cognito.stop();
    }
  });
});

describe('signInWithManagedLogin: what the managed login refuses, and parallel browsers', () => {
  let cognito: EmulatedCognito;
  beforeAll(async () => {
    cognito = await startEmulatedCognito();
  });
  afterAll(() => cognito?.stop());

  it('a redirect URI that is not one of the client’s callback URLs is the error page’s redirect_mismatch', async () => {
    await expect(
      cognito.signInWithManagedLogin({ redirectUri: 'http://localhost/elsewhere' }),
    ).rejects.toThrow(/redirect_mismatch/);
  });

  it('a scope the client is not allowed comes back to the callback as invalid_scope', async () => {
    await expect(cognito.signInWithManagedLogin({ scopes: ['openid', 'orders/read'] })).rejects.toThrow(
      /invalid_scope/,
    );
  });

  it('a user with an authenticator app stops at the MFA page, which the error names', async () => {
    const user = await cognito.signInAs({ mfa: 'totp' });
    await expect(cognito.signInWithManagedLogin({ user })).rejects.toThrow(/Multi-factor authentication/);
  });

  it('ten browsers at once each get their own user’s tokens (one code each)', async () => {
    const users = await Promise.all(Array.from({ length: 10 }, () => cognito.signInAs()));
    const signedIn = await Promise.all(users.map((user) => cognito.signInWithManagedLogin({ user })));
    expect(signedIn.map((tokens) => claimsOf(tokens.accessToken).sub)).toEqual(users.map((user) => user.sub));
  });
});
