import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Controller, Get, type INestApplication, Module, UseGuards } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { type EmulatedCognito, startEmulatedCognito } from 'nest-cognito/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CognitoAuthGuard,
  CognitoModule,
  CognitoWebLoginModule,
  type CognitoUser,
  CurrentUser,
} from '../src/index.js';
import { ADAPTERS, type Adapter } from './helpers.js';

/*
 * An application that signs its users in with the web login (its own /auth/oauth/login and
 * callback), tested with nest-cognito/testing: the emulated pool's app client allows the app's
 * callback (`callbackUrls`), `signInOnManagedLogin()` passes the managed login from the app's
 * redirect, and the app's own callback then exchanges the code and sets its session cookies.
 */

const ACCESS_COOKIE = '__Host-cognito-access';
const LOGIN_COOKIE = '__Host-cognito-login';

@Controller('t')
@UseGuards(CognitoAuthGuard)
class MeController {
  @Get('me')
  me(@CurrentUser() user: CognitoUser) {
    return { sub: user.sub, email: user.email ?? null };
  }
}

/** A port nobody listens on now: the callback URL is registered before the app listens there. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The application as configured for production, but for the domain and callback of the test. */
function appModule(domain: string, origin: string) {
  @Module({
    imports: [
      CognitoModule.forRoot({
        userPoolId: 'eu-west-1_Prod00001',
        clientId: 'prodweb123456',
        clientSecret: 'production-secret-never-sent',
        tokenCookie: ACCESS_COOKIE,
        isGlobal: true,
      }),
      CognitoWebLoginModule.forRoot({
        domain,
        redirectUri: `${origin}/auth/oauth/callback`,
        cookie: { secret: randomBytes(32).toString('base64url') },
      }),
    ],
    controllers: [MeController],
  })
  class WebAppModule {}
  return WebAppModule;
}

/** The cookies of an answer's Set-Cookie lines, by name (value only). */
function cookiesOf(response: Response): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(';', 1)[0]!;
    cookies[pair.slice(0, pair.indexOf('='))] = pair.slice(pair.indexOf('=') + 1);
  }
  return cookies;
}

describe.each(ADAPTERS)('testing the web login’s own callback (%s)', (adapter: Adapter) => {
  let cognito: EmulatedCognito;
  let nest: INestApplication;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    cognito = await startEmulatedCognito({
      callbackUrls: [`${origin}/auth/oauth/callback`],
      logoutUrls: [`${origin}/`],
    });
    const module = appModule(cognito.emulator.endpoint, origin);
    const moduleRef = await cognito.apply(Test.createTestingModule({ imports: [module] })).compile();
    nest =
      adapter === 'fastify'
        ? moduleRef.createNestApplication(new FastifyAdapter(), { logger: false })
        : moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    await nest.listen(port, '127.0.0.1');
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await nest?.close();
    await cognito?.stop();
  });

  it('the app’s login redirect, the managed login, then the app’s callback: a session the guard accepts', async () => {
    const user = await cognito.signInAs({ email: `web-${adapter}@example.test` });
    const login = await fetch(`${url}/auth/oauth/login`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const transaction = cookiesOf(login)[LOGIN_COOKIE]!;
    const callback = new URL(await cognito.signInOnManagedLogin(login.headers.get('location')!, user));
    expect(callback.pathname).toBe('/auth/oauth/callback');
    expect(callback.searchParams.get('code')).toBeTruthy();

    const back = await fetch(`${url}${callback.pathname}${callback.search}`, {
      redirect: 'manual',
      headers: { cookie: `${LOGIN_COOKIE}=${transaction}` },
    });
    expect(back.status).toBe(303);
    const access = cookiesOf(back)[ACCESS_COOKIE];
    expect(access).toBeTruthy();
    const me = await fetch(`${url}/t/me`, { headers: { cookie: `${ACCESS_COOKIE}=${access}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ sub: user.sub, email: null });
  });

  it('the callback refuses the code without the browser’s login transaction', async () => {
    const user = await cognito.signInAs();
    const login = await fetch(`${url}/auth/oauth/login`, { redirect: 'manual' });
    const callback = new URL(await cognito.signInOnManagedLogin(login.headers.get('location')!, user));
    const back = await fetch(`${url}${callback.pathname}${callback.search}`, { redirect: 'manual' });
    expect(back.status).toBe(400);
    expect(cookiesOf(back)[ACCESS_COOKIE]).toBeUndefined();
  });
});
