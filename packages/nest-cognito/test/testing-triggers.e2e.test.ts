import type { AddressInfo } from 'node:net';
import { Controller, Get, type INestApplication, Module, UseGuards } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoAuthGuard, CognitoModule, type CognitoUser, CurrentUser } from '../src/index.js';
import { type EmulatedCognito, startEmulatedCognito } from '../src/testing/index.js';
import type {
  PreSignUpTriggerEvent,
  PreTokenGenerationV2TriggerEvent,
  TriggerHandler,
} from '../src/triggers/index.js';
import { request } from './helpers.js';

// nest-cognito/testing runs an application's own trigger handlers inside the emulated pool:
// `startEmulatedCognito({ triggers })` names them in the pool's LambdaConfig, and Cognito's flows
// call them with its events. A pre sign-up handler confirms users itself; a pre token generation
// handler adds a claim the guard then hands the application as `@CurrentUser`.

/** The application's handlers, typed with nest-cognito/triggers as its deployed functions are. */
const autoConfirm: TriggerHandler<PreSignUpTriggerEvent> = async (event) => {
  if (event.request.userAttributes.email?.endsWith('@example.test')) {
    event.response.autoConfirmUser = true;
    event.response.autoVerifyEmail = true;
  }
  return event;
};

const addTenant: TriggerHandler<PreTokenGenerationV2TriggerEvent> = async (event) => {
  const domain = event.request.userAttributes.email?.split('@')[1] ?? 'none';
  event.response.claimsAndScopeOverrideDetails = {
    accessTokenGeneration: { claimsToAddOrOverride: { tenant: domain, plan: { tier: 'pro', seats: 5 } } },
  };
  return event;
};

@Controller('whoami')
@UseGuards(CognitoAuthGuard)
class WhoAmIController {
  @Get()
  whoami(@CurrentUser() user: CognitoUser) {
    return { sub: user.sub, tenant: user.claims.tenant, plan: user.claims.plan };
  }
}

@Module({
  imports: [CognitoModule.forRoot({ userPoolId: 'eu-west-1_Prod00001', clientId: 'prodclient1234' })],
  controllers: [WhoAmIController],
})
class AppModule {}

describe('startEmulatedCognito({ triggers }): the application’s handlers in the emulated pool', () => {
  let cognito: EmulatedCognito;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    cognito = await startEmulatedCognito({
      triggers: { PreSignUp: autoConfirm, PreTokenGeneration: addTenant },
      tokenGenerationVersion: 'V2_0',
    });
    const moduleRef = await cognito.apply(Test.createTestingModule({ imports: [AppModule] })).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await cognito?.stop();
  });

  it('PreSignUp confirms the user itself: signInAs sends no confirmation code', async () => {
    const user = await cognito.signInAs({ email: 'auto@example.test' });
    expect(user.accessToken).toEqual(expect.any(String));
    expect(cognito.messages('auto@example.test')).toEqual([]);
  });

  it('PreTokenGeneration adds claims to the access token; the guard’s @CurrentUser sees them', async () => {
    const user = await cognito.signInAs({ email: 'claims@example.test' });
    const answer = await request('GET', `${url}/whoami`, undefined, {
      authorization: user.authorization,
    });
    expect(answer).toMatchObject({
      status: 200,
      body: { sub: user.sub, tenant: 'example.test', plan: { tier: 'pro', seats: 5 } },
    });
  });

  it('a handler that throws fails the call as on AWS (UserLambdaValidationException)', async () => {
    const refusing = await startEmulatedCognito({
      triggers: { PreSignUp: () => Promise.reject(new Error('Sign-ups are closed')) },
    });
    try {
      await expect(refusing.signInAs({ email: 'late@example.test' })).rejects.toMatchObject({
        name: 'UserLambdaValidationException',
        message: 'PreSignUp failed with error Sign-ups are closed.',
      });
    } finally {
      await refusing.stop();
    }
  });

  it('without triggers the pool has none: users confirm with the emailed code', async () => {
    const plain = await startEmulatedCognito();
    try {
      await plain.signInAs({ email: 'plain@example.test' });
      expect(plain.messages('plain@example.test').map((message) => message.kind)).toEqual(['SIGN_UP']);
    } finally {
      await plain.stop();
    }
  });
});
