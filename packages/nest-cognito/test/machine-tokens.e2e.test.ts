import { randomBytes } from 'node:crypto';
import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { Controller, Get, Module, UseGuards } from '@nestjs/common';
import { type RunningEmulator, startEmulator } from 'cognito-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CognitoAuthGuard,
  CognitoClientCredentials,
  CognitoModule,
  type CognitoModuleOptions,
  type CognitoUser,
  CurrentUser,
  Groups,
  MachinesOnly,
  Scopes,
  UsersOnly,
} from '../src/index.js';
import { ADAPTERS, bearer, PASSWORD, request, startApp, type TestApp } from './helpers.js';

const CREDENTIALS = { accessKeyId: 'emulator', secretAccessKey: 'emulator' };

@Controller('m')
@UseGuards(CognitoAuthGuard)
class MixedController {
  @Get('who')
  who(@CurrentUser() user: CognitoUser) {
    const { isMachine, sub, clientId, groups, scopes, pool } = user;
    return { isMachine, sub, clientId, username: user.username ?? null, groups, scopes, pool };
  }

  @Get('read')
  @Scopes('api/read')
  read() {
    return { ok: true };
  }

  @Get('write')
  @Scopes.all('api/read', 'api/write')
  write() {
    return { ok: true };
  }

  @Get('admins')
  @Groups('admin')
  admins() {
    return { ok: true };
  }

  @Get('people')
  @UsersOnly()
  people(@CurrentUser('username') username: string) {
    return { username };
  }

  @Get('services')
  @MachinesOnly()
  services(@CurrentUser('clientId') clientId: string) {
    return { clientId };
  }
}

/** Machines only, but one route for people: the method's choice replaces the class's. */
@Controller('svc')
@UseGuards(CognitoAuthGuard)
@MachinesOnly()
class ServiceController {
  @Get('job')
  job() {
    return { ok: true };
  }

  @Get('status')
  @UsersOnly()
  status() {
    return { ok: true };
  }
}

let emulator: RunningEmulator;
let sdk: CognitoIdentityProvider;
let poolId: string;
let webClientId: string;
const machines: Record<'full' | 'reader' | 'stray', { id: string; secret: string }> = {} as never;

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

/** A real client-credentials access token of one of the machine clients. */
function machineToken(which: keyof typeof machines): Promise<string> {
  return new CognitoClientCredentials({
    clientId: machines[which].id,
    clientSecret: machines[which].secret,
    tokenEndpoint: `${emulator.endpoint}/oauth2/token`,
  }).getAccessToken();
}

/** A real access token of the seeded user (in the `admin` group), signed in through the web client. */
async function userToken(): Promise<string> {
  const { AuthenticationResult } = await sdk.initiateAuth({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: webClientId,
    AuthParameters: { USERNAME: 'person', PASSWORD },
  });
  return AuthenticationResult!.AccessToken!;
}

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: {
      pools: [
        {
          name: 'app',
          clients: [
            {
              name: 'web',
              settings: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
            },
          ],
          groups: [{ name: 'admin' }],
          users: [{ username: 'person', password: PASSWORD, groups: ['admin'] }],
        },
      ],
    },
  });
  sdk = new CognitoIdentityProvider({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
  poolId = emulator.pools.app!.id;
  webClientId = emulator.pools.app!.clients.web!.id;
  await sdk.createUserPoolDomain({ UserPoolId: poolId, Domain: `h5-m-${randomBytes(4).toString('hex')}` });
  await sdk.createResourceServer({
    UserPoolId: poolId,
    Identifier: 'api',
    Name: 'API',
    Scopes: [
      { ScopeName: 'read', ScopeDescription: 'Read' },
      { ScopeName: 'write', ScopeDescription: 'Write' },
    ],
  });
  machines.full = await machineClient('full', ['api/read', 'api/write']);
  machines.reader = await machineClient('reader', ['api/read']);
  machines.stray = await machineClient('stray', ['api/read']);
});
afterAll(() => emulator.stop());

function appModule() {
  const options: CognitoModuleOptions = {
    userPoolId: poolId,
    clientId: webClientId,
    endpoint: emulator.endpoint,
    credentials: CREDENTIALS,
    verification: { clientIds: [webClientId, machines.full.id, machines.reader.id] },
  };
  @Module({ imports: [CognitoModule.forRoot(options)], controllers: [MixedController, ServiceController] })
  class MachineAppModule {}
  return MachineAppModule;
}

describe.each(ADAPTERS)('machine tokens through CognitoAuthGuard on %s', (adapter) => {
  let server: TestApp;
  const get = (path: string, token: string) =>
    request('GET', `${server.url}${path}`, undefined, bearer(token));

  beforeAll(async () => {
    server = await startApp(adapter, appModule());
  });
  afterAll(() => server.close());

  it('a machine token passes a guarded route as a machine: its client id, no username, no groups, its scopes', async () => {
    const who = await get('/m/who', await machineToken('full'));
    expect(who).toMatchObject({
      status: 200,
      body: {
        isMachine: true,
        sub: machines.full.id,
        clientId: machines.full.id,
        username: null,
        groups: [],
        pool: 'default',
      },
    });
    expect(who.body.scopes.sort()).toEqual(['api/read', 'api/write']);
    expect(await get('/m/who', await userToken())).toMatchObject({
      status: 200,
      body: {
        isMachine: false,
        username: 'person',
        groups: ['admin'],
        scopes: ['aws.cognito.signin.user.admin'],
      },
    });
  });

  it('@Scopes() applies to machine tokens: any-of and all-of', async () => {
    const reader = await machineToken('reader');
    const full = await machineToken('full');
    expect((await get('/m/read', reader)).status).toBe(200);
    expect(await get('/m/write', reader)).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN', message: 'Requires every one of the scopes: api/read, api/write.' },
    });
    expect((await get('/m/write', full)).status).toBe(200);
    expect((await get('/m/read', await userToken())).status).toBe(403);
  });

  it('@Groups() refuses machine tokens: they belong to no group', async () => {
    expect(await get('/m/admins', await machineToken('full'))).toMatchObject({
      status: 403,
      body: {
        code: 'FORBIDDEN',
        message: 'Requires a signed-in user in a group; machine tokens belong to no group.',
      },
    });
    expect((await get('/m/admins', await userToken())).status).toBe(200);
  });

  it('@UsersOnly() refuses machines; @MachinesOnly() refuses users', async () => {
    const machine = await machineToken('reader');
    const user = await userToken();
    expect(await get('/m/people', machine)).toMatchObject({
      status: 403,
      body: { message: 'Requires a signed-in user; machine tokens are refused here.' },
    });
    expect(await get('/m/people', user)).toMatchObject({ status: 200, body: { username: 'person' } });
    expect(await get('/m/services', user)).toMatchObject({
      status: 403,
      body: { message: 'Requires a machine token (client credentials).' },
    });
    expect(await get('/m/services', machine)).toMatchObject({
      status: 200,
      body: { clientId: machines.reader.id },
    });
  });

  it("on a class, @MachinesOnly() holds for its routes; a method's @UsersOnly() replaces it", async () => {
    const machine = await machineToken('reader');
    const user = await userToken();
    expect((await get('/svc/job', machine)).status).toBe(200);
    expect((await get('/svc/job', user)).status).toBe(403);
    expect((await get('/svc/status', user)).status).toBe(200);
    expect((await get('/svc/status', machine)).status).toBe(403);
  });

  it('a machine client not among the accepted client ids is refused with 401', async () => {
    expect(await get('/m/who', await machineToken('stray'))).toMatchObject({
      status: 401,
      body: { code: 'INVALID_TOKEN' },
    });
  });
});
