import type { AddressInfo } from 'node:net';
import { Controller, Get, type INestApplication, Module, UseGuards } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createOfflineCognito, type EmulatedCognito, startEmulatedCognito } from 'nest-cognito/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CognitoAuthGuard,
  CognitoModule,
  type CognitoUser,
  CurrentUser,
  Groups,
  Scopes,
} from '../src/index.js';
import { CognitoRestModule } from '../src/rest/index.js';
import { request } from './helpers.js';

// The application under test, configured for production: a pool on AWS, no endpoint.
@Controller('orders')
@UseGuards(CognitoAuthGuard)
class OrdersController {
  @Get()
  list(@CurrentUser() user: CognitoUser) {
    return { owner: user.sub, email: user.email ?? null };
  }

  @Get('admin')
  @Groups('admin')
  admin() {
    return { ok: true };
  }

  @Get('export')
  @Scopes('orders/export')
  export() {
    return { ok: true };
  }
}

@Module({
  imports: [
    CognitoModule.forRoot({
      userPoolId: 'eu-west-1_Prod00001',
      clientId: 'prodclient1234',
      isGlobal: true,
    }),
    CognitoRestModule.forRoot({ auth: true }),
  ],
  controllers: [OrdersController],
})
class AppModule {}

async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

describe('startEmulatedCognito: real users, real tokens, the real guard', () => {
  let cognito: EmulatedCognito;
  let app: INestApplication;
  let url: string;
  beforeAll(async () => {
    cognito = await startEmulatedCognito({ groups: ['admin'] });
    const moduleRef = await cognito.apply(Test.createTestingModule({ imports: [AppModule] })).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    url = await listen(app);
  });
  afterAll(async () => {
    await app?.close();
    await cognito?.stop();
  });

  it('signInAs gives a user whose token the guard accepts', async () => {
    const jane = await cognito.signInAs({ email: 'jane@example.test' });
    const answer = await request('GET', `${url}/orders`, undefined, { authorization: jane.authorization });
    expect(answer).toMatchObject({ status: 200, body: { owner: jane.sub } });
    expect((await request('GET', `${url}/orders`)).status).toBe(401);
  });

  it('groups: a group-restricted route refuses others with 403', async () => {
    const admin = await cognito.signInAs({ groups: ['admin'] });
    const other = await cognito.signInAs({ groups: ['staff'] });
    expect(
      (await request('GET', `${url}/orders/admin`, undefined, { authorization: admin.authorization })).status,
    ).toBe(200);
    expect(
      (await request('GET', `${url}/orders/admin`, undefined, { authorization: other.authorization })).status,
    ).toBe(403);
  });

  it('sign-out through the application: the same token then gets 401', async () => {
    const user = await cognito.signInAs();
    expect(
      (await request('POST', `${url}/auth/sign-out`, undefined, { authorization: user.authorization }))
        .status,
    ).toBe(204);
    expect(
      (await request('GET', `${url}/orders`, undefined, { authorization: user.authorization })).status,
    ).toBe(401);
  });

  it('messages() reads the codes Cognito sent; the application’s own flows work against it', async () => {
    const email = 'flows@example.test';
    await request('POST', `${url}/auth/sign-up`, { email, password: 'Test-passw0rd!' });
    expect(cognito.messages(email)).toHaveLength(1);
    expect(cognito.lastCode(email)).toMatch(/^\d{6}$/);
    expect(
      (await request('POST', `${url}/auth/confirm-sign-up`, { email, code: cognito.lastCode(email) })).status,
    ).toBe(204);
    expect((await request('POST', `${url}/auth/sign-in`, { email, password: 'Test-passw0rd!' })).status).toBe(
      200,
    );
  });

  it('adds no route to the application under test', async () => {
    const bare = await cognito
      .apply(
        Test.createTestingModule({
          imports: [CognitoModule.forRoot({ userPoolId: 'eu-west-1_Prod00001', clientId: 'prodclient1234' })],
        }),
      )
      .compile();
    const bareApp = bare.createNestApplication(new FastifyAdapter(), { logger: false });
    const bareUrl = await listen(bareApp);
    try {
      for (const path of ['/auth/sign-in', '/admin/users', '/_emulator/messages']) {
        expect((await request('POST', `${bareUrl}${path}`, {})).status).toBe(404);
      }
    } finally {
      await bareApp.close();
    }
  });

  it('many users in one file', async () => {
    const users = await Promise.all(Array.from({ length: 25 }, () => cognito.signInAs()));
    expect(new Set(users.map((u) => u.sub)).size).toBe(25);
    for (const user of users.slice(0, 5)) {
      expect(
        (await request('GET', `${url}/orders`, undefined, { authorization: user.authorization })).status,
      ).toBe(200);
    }
  });
});

@Module({
  imports: [
    CognitoModule.forRoot({
      userPoolId: 'eu-west-1_Prod00001',
      clientId: 'prodclient1234',
      authFlow: 'USER_SRP_AUTH',
      isGlobal: true,
    }),
    CognitoRestModule.forRoot({ auth: true }),
  ],
  controllers: [OrdersController],
})
class SrpAppModule {}

describe('startEmulatedCognito with a console-default app client (SRP and refresh only)', () => {
  let cognito: EmulatedCognito;
  let app: INestApplication;
  let url: string;
  beforeAll(async () => {
    cognito = await startEmulatedCognito({
      client: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
    });
    const moduleRef = await cognito.apply(Test.createTestingModule({ imports: [SrpAppModule] })).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    url = await listen(app);
  });
  afterAll(async () => {
    await app?.close();
    await cognito?.stop();
  });

  it('signInAs signs in with SRP, and the guard accepts the token', async () => {
    const user = await cognito.signInAs({ email: 'srp@example.test' });
    const orders = await request('GET', `${url}/orders`, undefined, { authorization: user.authorization });
    expect(orders).toMatchObject({ status: 200, body: { owner: user.sub } });
    // The client does not allow the password flow: asked for it, signInAs fails as Cognito says.
    await expect(cognito.signInAs({ authFlow: 'USER_PASSWORD_AUTH' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('the application keeps its own authFlow: its sign-in route runs SRP on the server', async () => {
    const user = await cognito.signInAs({ email: 'route@example.test', password: 'Route-passw0rd!' });
    const signIn = await request('POST', `${url}/auth/sign-in`, {
      email: 'route@example.test',
      password: 'Route-passw0rd!',
    });
    expect(signIn).toMatchObject({ status: 200, body: { accessToken: expect.stringMatching(/^eyJ/) } });
    const wrong = await request('POST', `${url}/auth/sign-in`, {
      email: 'route@example.test',
      password: 'Wrong-passw0rd!',
    });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'NOT_AUTHORIZED' } });
    const orders = await request('GET', `${url}/orders`, undefined, {
      authorization: `Bearer ${signIn.body.accessToken}`,
    });
    expect(orders).toMatchObject({ status: 200, body: { owner: user.sub } });
  });
});

describe('createOfflineCognito: minted tokens, no Cognito at all', () => {
  const offline = createOfflineCognito();
  let app: INestApplication;
  let url: string;
  beforeAll(async () => {
    const moduleRef = await offline.apply(Test.createTestingModule({ imports: [AppModule] })).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    url = await listen(app);
  });
  afterAll(() => app?.close());

  it('the real guard accepts minted access tokens of the application’s pool and client', async () => {
    const token = offline.mintAccessToken({ sub: 'user-1' });
    expect(
      await request('GET', `${url}/orders`, undefined, { authorization: `Bearer ${token}` }),
    ).toMatchObject({
      status: 200,
      body: { owner: 'user-1' },
    });
  });

  it('groups and scopes are checked as for any token', async () => {
    const get = (path: string, token: string) =>
      request('GET', `${url}${path}`, undefined, { authorization: `Bearer ${token}` });
    expect((await get('/orders/admin', offline.mintAccessToken({ groups: ['admin'] }))).status).toBe(200);
    expect((await get('/orders/admin', offline.mintAccessToken({ groups: ['staff'] }))).status).toBe(403);
    expect((await get('/orders/export', offline.mintAccessToken({ scopes: ['orders/export'] }))).status).toBe(
      200,
    );
    expect((await get('/orders/export', offline.mintAccessToken())).status).toBe(403);
  });

  it('every other check still runs: expiry, client, token use', async () => {
    const get = (token: string) =>
      request('GET', `${url}/orders`, undefined, { authorization: `Bearer ${token}` });
    expect((await get(offline.mintAccessToken({ expiresIn: -60 }))).status).toBe(401);
    expect((await get(offline.mintAccessToken({ clientId: 'anotherclient' }))).status).toBe(401);
    expect((await get(offline.mintIdToken({ email: 'id@example.test' }))).status).toBe(401);
  });

  it('an application not configured by this helper never accepts its tokens', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        CognitoModule.forRoot({
          userPoolId: 'eu-west-1_Prod00001',
          clientId: 'prodclient1234',
          endpoint: 'http://127.0.0.1:9',
          verification: { jwks: { bootAttempts: 1 } },
        }),
      ],
      controllers: [OrdersController],
    }).compile();
    const production = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    const productionUrl = await listen(production);
    try {
      const token = offline.mintAccessToken({ sub: 'intruder' });
      expect(
        (await request('GET', `${productionUrl}/orders`, undefined, { authorization: `Bearer ${token}` }))
          .status,
      ).toBe(401);
    } finally {
      await production.close();
    }
  });

  it('overrideGuard replaces the guard where a test wants no authentication at all', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideGuard(CognitoAuthGuard)
      .useValue({
        canActivate: (context: { switchToHttp(): { getRequest(): Record<string, unknown> } }) => {
          context.switchToHttp().getRequest().user = { sub: 'stub-user' };
          return true;
        },
      })
      .compile();
    const stubbed = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    const stubbedUrl = await listen(stubbed);
    try {
      expect(await request('GET', `${stubbedUrl}/orders`)).toMatchObject({
        status: 200,
        body: { owner: 'stub-user' },
      });
    } finally {
      await stubbed.close();
    }
  });

  it('minting before the module is compiled is a clear error', () => {
    expect(() => createOfflineCognito().mintAccessToken()).toThrow(/Apply the OfflineCognito/);
  });
});
