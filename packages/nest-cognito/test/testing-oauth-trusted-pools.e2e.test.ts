import { Controller, Get, type INestApplication, Module, UseGuards } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { type EmulatedCognito, startEmulatedCognito } from 'nest-cognito/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CognitoAuthGuard,
  CognitoModule,
  CognitoPools,
  type CognitoUser,
  CurrentUser,
  MachinesOnly,
  Scopes,
} from '../src/index.js';
import { request } from './helpers.js';

/*
 * An application that trusts a partner pool (`trustedPools`, `@CognitoPools`), tested with
 * nest-cognito/testing: `startEmulatedCognito({ trustedPools: ['partners'] })` emulates that pool
 * too, `apply()` puts it in place of the application's, and users and machines of either pool get
 * real tokens that the guard sorts by pool.
 */

@Controller('p')
@UseGuards(CognitoAuthGuard)
class PoolsController {
  @Get('own')
  own(@CurrentUser() user: CognitoUser) {
    return { pool: user.pool };
  }

  @Get('partners')
  @CognitoPools('partners')
  partners(@CurrentUser() user: CognitoUser) {
    return { pool: user.pool, userPoolId: user.userPoolId };
  }

  @Get('both')
  @CognitoPools('default', 'partners')
  both(@CurrentUser() user: CognitoUser) {
    return { pool: user.pool };
  }

  @Get('partner-jobs')
  @CognitoPools('partners')
  @MachinesOnly()
  @Scopes('api/write')
  jobs(@CurrentUser('clientId') clientId: string) {
    return { clientId };
  }
}

@Module({
  imports: [
    CognitoModule.forRoot({
      userPoolId: 'eu-west-1_Prod00001',
      clientId: 'prodclient1234',
      trustedPools: {
        partners: { userPoolId: 'eu-west-1_Partner01', clientIds: ['partnerclient1'] },
        // Not emulated by the test: dropped by apply() (no route names it).
        archive: { userPoolId: 'eu-west-1_Archive01', clientIds: ['archiveclient1'] },
      },
      isGlobal: true,
    }),
  ],
  controllers: [PoolsController],
})
class AppModule {}

describe('startEmulatedCognito({ trustedPools }): the application’s trusted pools, emulated', () => {
  let cognito: EmulatedCognito;
  let app: INestApplication;
  let url: string;
  const get = (path: string, authorization: string) =>
    request('GET', `${url}${path}`, undefined, { authorization });

  beforeAll(async () => {
    cognito = await startEmulatedCognito({ trustedPools: ['partners'] });
    const moduleRef = await cognito.apply(Test.createTestingModule({ imports: [AppModule] })).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    await cognito?.stop();
  });

  it('emulates a pool of its own per trusted pool, with its clients', () => {
    const partners = cognito.pool('partners');
    expect(partners.userPoolId).not.toBe(cognito.userPoolId);
    expect(partners.clientId).not.toBe(cognito.clientId);
    expect(partners.machine?.clientId).toBeTruthy();
    expect(() => cognito.pool('archive')).toThrow(/trustedPools: \['archive'\]/);
  });

  it('a partner’s user is accepted where the route trusts the partners pool only', async () => {
    const partner = await cognito.signInAs({ pool: 'partners' });
    expect(await get('/p/partners', partner.authorization)).toMatchObject({
      status: 200,
      body: { pool: 'partners', userPoolId: cognito.pool('partners').userPoolId },
    });
    expect(await get('/p/both', partner.authorization)).toMatchObject({
      status: 200,
      body: { pool: 'partners' },
    });
    expect((await get('/p/own', partner.authorization)).status).toBe(401);
  });

  it('a user of the main pool is refused on the partners-only route', async () => {
    const own = await cognito.signInAs();
    expect(await get('/p/own', own.authorization)).toMatchObject({ status: 200, body: { pool: 'default' } });
    expect(await get('/p/both', own.authorization)).toMatchObject({ status: 200, body: { pool: 'default' } });
    expect((await get('/p/partners', own.authorization)).status).toBe(401);
  });

  it('machine tokens of either pool: only the partner’s machine passes the partner’s machine route', async () => {
    const partnerMachine = await cognito.machineToken({ pool: 'partners' });
    expect(partnerMachine.clientId).toBe(cognito.pool('partners').machine!.clientId);
    expect(await get('/p/partner-jobs', partnerMachine.authorization)).toMatchObject({
      status: 200,
      body: { clientId: partnerMachine.clientId },
    });
    const reader = await cognito.machineToken({ pool: 'partners', scopes: ['api/read'] });
    expect((await get('/p/partner-jobs', reader.authorization)).status).toBe(403);
    const ownMachine = await cognito.machineToken();
    expect((await get('/p/partner-jobs', ownMachine.authorization)).status).toBe(401);
  });

  it('signInWithManagedLogin({ pool }) signs a partner in on its own pool’s managed login', async () => {
    const partner = await cognito.signInWithManagedLogin({ pool: 'partners' });
    expect(await get('/p/partners', partner.authorization)).toMatchObject({
      status: 200,
      body: { pool: 'partners' },
    });
  });
});
