import { Controller, Get, type INestApplication, Module, UseGuards } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createOfflineCognito, type OfflineCognito } from 'nest-cognito/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CognitoAuthGuard,
  CognitoModule,
  type CognitoUser,
  CurrentUser,
  MachinesOnly,
  Scopes,
  UsersOnly,
} from '../src/index.js';
import { request } from './helpers.js';

/*
 * createOfflineCognito().mintMachineToken(): tokens shaped like Cognito's client-credentials
 * tokens, signed by a key made in the process, checked by the application's real guard with its
 * own client list and scope requirements.
 */

@Controller('jobs')
@UseGuards(CognitoAuthGuard)
class JobsController {
  @Get('who')
  who(@CurrentUser() user: CognitoUser) {
    const { isMachine, sub, clientId, scopes } = user;
    return { isMachine, sub, clientId, username: user.username ?? null, scopes };
  }

  @Get('run')
  @MachinesOnly()
  @Scopes('jobs/run')
  run() {
    return { ok: true };
  }

  @Get('mine')
  @UsersOnly()
  mine() {
    return { ok: true };
  }
}

@Module({
  imports: [
    CognitoModule.forRoot({
      userPoolId: 'eu-west-1_Prod00001',
      clientId: 'webclient1234',
      verification: { clientIds: ['webclient1234', 'schedulerclient1'] },
      isGlobal: true,
    }),
  ],
  controllers: [JobsController],
})
class AppModule {}

describe('createOfflineCognito: minted machine tokens', () => {
  let offline: OfflineCognito;
  let app: INestApplication;
  let url: string;
  const get = (path: string, token: string) =>
    request('GET', `${url}${path}`, undefined, { authorization: `Bearer ${token}` });

  beforeAll(async () => {
    offline = createOfflineCognito();
    const moduleRef = await offline.apply(Test.createTestingModule({ imports: [AppModule] })).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app?.close());

  it('a machine token of an accepted client passes the guard as a machine, with its scopes', async () => {
    const token = offline.mintMachineToken({ clientId: 'schedulerclient1', scopes: ['jobs/run'] });
    expect(await get('/jobs/who', token)).toMatchObject({
      status: 200,
      body: {
        isMachine: true,
        sub: 'schedulerclient1',
        clientId: 'schedulerclient1',
        username: null,
        scopes: ['jobs/run'],
      },
    });
    expect((await get('/jobs/run', token)).status).toBe(200);
    expect((await get('/jobs/mine', token)).status).toBe(403);
  });

  it('is shaped like Cognito’s: sub = client_id, no username, no groups, version 2', () => {
    const token = offline.mintMachineToken({ scopes: ['jobs/run'] });
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({
      sub: 'webclient1234',
      client_id: 'webclient1234',
      token_use: 'access',
      scope: 'jobs/run',
      version: 2,
      iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Prod00001',
    });
    expect(claims).not.toHaveProperty('username');
    expect(claims).not.toHaveProperty('cognito:groups');
  });

  it('every check still runs: a missing scope is 403; another client, or an expired token, 401', async () => {
    const reader = offline.mintMachineToken({ clientId: 'schedulerclient1', scopes: ['jobs/read'] });
    expect((await get('/jobs/run', reader)).status).toBe(403);
    const stranger = offline.mintMachineToken({ clientId: 'strangerclient1', scopes: ['jobs/run'] });
    expect((await get('/jobs/run', stranger)).status).toBe(401);
    const expired = offline.mintMachineToken({
      clientId: 'schedulerclient1',
      scopes: ['jobs/run'],
      expiresIn: -60,
    });
    expect((await get('/jobs/run', expired)).status).toBe(401);
  });

  it('a user’s minted token is refused on a machines-only route, accepted on a users-only one', async () => {
    const user = offline.mintAccessToken({ sub: 'user-1', scopes: ['jobs/run'] });
    expect((await get('/jobs/run', user)).status).toBe(403);
    expect((await get('/jobs/mine', user)).status).toBe(200);
  });
});
