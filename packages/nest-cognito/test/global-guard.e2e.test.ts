import { Controller, Get, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoAuthGuard, CognitoModule, CurrentUser, Public } from '../src/index.js';
import { CognitoRestModule } from '../src/rest/index.js';
import { bearer, type Cognito, PASSWORD, request, startApp, startCognito, type TestApp } from './helpers.js';

@Controller('app')
class AppController {
  @Get('private')
  private(@CurrentUser('sub') sub: string) {
    return { sub };
  }

  @Get('health')
  @Public()
  health() {
    return { ok: true };
  }
}

describe('CognitoAuthGuard as APP_GUARD', () => {
  let cognito: Cognito;
  let server: TestApp;
  beforeAll(async () => {
    cognito = await startCognito();
    @Module({
      imports: [
        CognitoModule.forRoot({ ...cognito.options('public'), isGlobal: true }),
        CognitoRestModule.forRoot({ auth: true }),
      ],
      controllers: [AppController],
      providers: [{ provide: APP_GUARD, useClass: CognitoAuthGuard }],
    })
    class GlobalModule {}
    server = await startApp('fastify', GlobalModule);
  });
  afterAll(async () => {
    await server?.close();
    await cognito?.emulator.stop();
  });

  it('guards every route; @Public() routes and the public /auth routes stay open', async () => {
    expect((await request('GET', `${server.url}/app/private`)).status).toBe(401);
    expect((await request('GET', `${server.url}/app/health`)).status).toBe(200);
    const email = 'global@example.com';
    expect((await request('POST', `${server.url}/auth/sign-up`, { email, password: PASSWORD })).status).toBe(
      201,
    );
    expect(
      (await request('POST', `${server.url}/auth/confirm-sign-up`, { email, code: cognito.lastCode(email) }))
        .status,
    ).toBe(204);
    const signIn = await request('POST', `${server.url}/auth/sign-in`, { email, password: PASSWORD });
    expect(signIn.status).toBe(200);
    const answer = await request(
      'GET',
      `${server.url}/app/private`,
      undefined,
      bearer(signIn.body.accessToken),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.sub).toMatch(/^[0-9a-f-]{36}$/);
    // Guarded twice (global and on the route): verified once, still fine.
    expect(
      (await request('GET', `${server.url}/auth/me`, undefined, bearer(signIn.body.accessToken))).status,
    ).toBe(200);
  });
});
