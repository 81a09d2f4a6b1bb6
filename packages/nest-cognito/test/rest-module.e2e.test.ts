import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoModule, type CognitoModuleOptions } from '../src/index.js';
import { CognitoRestModule, type CognitoRestModuleOptions } from '../src/rest/index.js';
import { bearer, type Cognito, request, startApp, startCognito, type TestApp, withRest } from './helpers.js';

// Options that validate; nothing is called at compile time.
const OFFLINE: CognitoModuleOptions = { userPoolId: 'eu-west-1_Rest0001', clientId: 'restclient1' };

describe('CognitoRestModule.forRoot mounts what it is asked for', () => {
  let cognito: Cognito;
  const servers: TestApp[] = [];
  const start = async (rest?: CognitoRestModuleOptions) => {
    const server = await startApp('fastify', withRest(cognito.options('public'), rest));
    servers.push(server);
    return server;
  };
  beforeAll(async () => {
    cognito = await startCognito();
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await cognito?.emulator.stop();
  });

  // Mounted routes validate the body (400) or ask for a token (401); unmounted ones are 404.
  const signIn = (server: TestApp) => request('POST', `${server.url}/auth/sign-in`, {});
  const listUsers = (server: TestApp) => request('GET', `${server.url}/admin/users`, undefined, bearer('x'));

  it('by default the /auth routes only', async () => {
    const server = await start({});
    expect((await signIn(server)).body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect((await listUsers(server)).status).toBe(404);
  });

  it('{ admin: true, auth: false }: the /admin routes only', async () => {
    const server = await start({ admin: true, auth: false });
    expect((await signIn(server)).status).toBe(404);
    expect((await listUsers(server)).body).toMatchObject({ statusCode: 401, code: 'INVALID_TOKEN' });
  });

  it('{ auth: true, admin: true }: both', async () => {
    const server = await start({ auth: true, admin: true });
    expect((await signIn(server)).status).toBe(400);
    expect((await listUsers(server)).status).toBe(401);
  });
});

describe('CognitoRestModule without a global CognitoModule', () => {
  it('stops the boot naming the module to import when there is none', async () => {
    @Module({ imports: [CognitoRestModule.forRoot({ auth: true, admin: true })] })
    class NoCognito {}
    await expect(Test.createTestingModule({ imports: [NoCognito] }).compile()).rejects.toThrow(
      'CognitoRestModule needs CognitoModule: import CognitoModule.forRoot({ ..., isGlobal: true })',
    );
  });

  it('stops the boot asking for isGlobal when CognitoModule is imported locally', async () => {
    @Module({ imports: [CognitoModule.forRoot(OFFLINE), CognitoRestModule.forRoot({ auth: true })] })
    class LocalCognito {}
    await expect(Test.createTestingModule({ imports: [LocalCognito] }).compile()).rejects.toThrow(
      'CognitoRestModule needs CognitoModule registered globally: pass isGlobal: true',
    );
  });

  it('compiles with a global CognitoModule (the same modules, isGlobal: true)', async () => {
    @Module({
      imports: [
        CognitoModule.forRoot({ ...OFFLINE, isGlobal: true }),
        CognitoRestModule.forRoot({ auth: true }),
      ],
    })
    class GlobalCognito {}
    const moduleRef = await Test.createTestingModule({ imports: [GlobalCognito] }).compile();
    await moduleRef.close();
  });
});

describe('CognitoRestModule options', () => {
  it.each([
    [{ auth: false, admin: false }, 'auth and admin are both false: nothing to mount'],
    [{ auth: 'yes' }, 'auth must be true or false'],
    [{ admin: 1 }, 'admin must be true or false'],
    [{ controller: true }, 'controller is not an option (auth, admin)'],
  ])('refuses %j: %s', (options, problem) => {
    expect(() => CognitoRestModule.forRoot(options as never)).toThrow(
      `Invalid CognitoRestModule options:\n  - ${problem}`,
    );
  });
});

describe('CognitoModule refuses the REST extras of 0.1', () => {
  const MOVED = "import CognitoRestModule.forRoot({ auth: true, admin: true }) from 'nest-cognito/rest'";

  it('forRoot({ controller: true }) stops the boot, naming where the routes went', async () => {
    const legacy = CognitoModule.forRoot({ ...OFFLINE, controller: true } as never);
    await expect(Test.createTestingModule({ imports: [legacy] }).compile()).rejects.toThrow(
      `controller is no longer an option: ${MOVED}`,
    );
  });

  it('forRootAsync({ adminController: true }) throws at once', () => {
    expect(() =>
      CognitoModule.forRootAsync({ useFactory: () => OFFLINE, adminController: true } as never),
    ).toThrow(`adminController is no longer an option: ${MOVED}`);
  });
});
