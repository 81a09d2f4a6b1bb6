import { createServer } from 'node:net';
import { Controller, Get, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CognitoAuthGuard,
  CognitoModule,
  type CognitoModuleOptions,
  CognitoWebLoginModule,
  type CognitoWebLoginOptions,
} from '../src/index.js';
import { ADAPTERS, type Cognito, startApp, startCognito } from './helpers.js';
import {
  ACCESS_COOKIE,
  Browser,
  COOKIE_SECRET,
  REFRESH_COOKIE,
  setCookieOf,
  startWebLoginApp,
  type WebLoginApp,
} from './web-login-fixture.js';

const WEB: CognitoWebLoginOptions = {
  domain: 'http://127.0.0.1:9',
  redirectUri: 'http://localhost:3000/auth/oauth/callback',
  cookie: { secret: COOKIE_SECRET },
};

/** Why an application of these modules does not start (empty when it starts). */
async function bootError(imports: unknown[]): Promise<string> {
  @Module({ imports: imports as never[] })
  class BootModule {}
  try {
    const app = await NestFactory.create(BootModule, new ExpressAdapter(), {
      logger: false,
      abortOnError: false,
    });
    await app.close();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('web login at boot', () => {
  let cognito: Cognito;
  let options: CognitoModuleOptions;
  beforeAll(async () => {
    cognito = await startCognito();
    options = { ...cognito.options('public'), tokenCookie: ACCESS_COOKIE };
  });
  afterAll(async () => {
    cognito?.sdk.destroy();
    await cognito?.emulator.stop();
  });

  it('needs a global CognitoModule, and says how to add it', async () => {
    expect(await bootError([CognitoWebLoginModule.forRoot(WEB)])).toContain(
      'CognitoWebLoginModule needs CognitoModule: import CognitoModule.forRoot(',
    );
    expect(await bootError([CognitoModule.forRoot(options), CognitoWebLoginModule.forRoot(WEB)])).toContain(
      'CognitoWebLoginModule needs CognitoModule registered globally: pass isGlobal: true',
    );
  });

  it('needs CognitoModule’s tokenCookie, the cookie the guard reads', async () => {
    const { tokenCookie: _, ...withoutCookie } = options;
    expect(
      await bootError([
        CognitoModule.forRoot({ ...withoutCookie, isGlobal: true }),
        CognitoWebLoginModule.forRoot(WEB),
      ]),
    ).toContain('CognitoModule has no tokenCookie');
  });

  it('checks forRootAsync’s options too, naming every problem', async () => {
    const message = await bootError([
      CognitoModule.forRoot({ ...options, isGlobal: true }),
      CognitoWebLoginModule.forRootAsync({
        useFactory: () => ({ ...WEB, redirectUri: 'ftp://x', cookie: { secret: 'short' } }),
      }),
    ]);
    expect(message).toContain('Invalid CognitoWebLoginModule options:');
    expect(message).toContain('redirectUri must be an https URL');
    expect(message).toContain('cookie.secret must be a string of at least 32 bytes');
  });

  it('mounts routes the global guard lets through (@Public), and none without the module', async () => {
    @Controller('x')
    class Guarded {
      @Get()
      get() {
        return {};
      }
    }
    @Module({
      imports: [CognitoModule.forRoot({ ...options, isGlobal: true }), CognitoWebLoginModule.forRoot(WEB)],
      controllers: [Guarded],
      providers: [{ provide: APP_GUARD, useExisting: CognitoAuthGuard }],
    })
    class GlobalGuardModule {}
    const app = await startApp('express', GlobalGuardModule);
    try {
      expect((await fetch(`${app.url}/auth/oauth/login`, { redirect: 'manual' })).status).toBe(302);
      expect((await fetch(`${app.url}/x`)).status).toBe(401);
    } finally {
      await app.close();
    }
    @Module({ imports: [CognitoModule.forRoot({ ...options, isGlobal: true })] })
    class WithoutWebLogin {}
    const plain = await startApp('express', WithoutWebLogin);
    try {
      expect((await fetch(`${plain.url}/auth/oauth/login`, { redirect: 'manual' })).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

/** A port with nothing behind it. */
function deadPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.each(ADAPTERS)('web login with Cognito out of reach, on %s', (adapter) => {
  let app: WebLoginApp;
  const email = `unreachable-${adapter}@example.com`;
  beforeAll(async () => {
    app = await startWebLoginApp(adapter, { web: { domain: `http://127.0.0.1:${await deadPort()}` } });
    await app.user(email);
  });
  afterAll(() => app?.close());

  it('keeps the session cookies when a refresh cannot reach Cognito (401 until it can), logging no token', async () => {
    const { refreshToken } = await app.apiSession(email);
    const browser = new Browser(app);
    browser.cookies.set(REFRESH_COOKIE, { value: refreshToken, attributes: {} });
    const hop = await browser.go('/t/me');
    expect(hop.status).toBe(401);
    expect(hop.setCookies).toEqual([]);
    expect(browser.cookies.has(REFRESH_COOKIE)).toBe(true);
    expect(
      app.logs.lines.some((line) => line.includes('Refreshing a web session failed: Cognito unreachable')),
    ).toBe(true);
    expect(app.logs.leaked(new Map([['refresh token', refreshToken]]))).toEqual([]);
  });

  it('answers a callback it cannot complete 503 COGNITO_UNAVAILABLE', async () => {
    const browser = new Browser(app);
    const state = new URL((await browser.go('/auth/oauth/login')).location!).searchParams.get('state')!;
    const hop = await browser.go(`/auth/oauth/callback?code=abc&state=${state}`);
    expect(hop.status).toBe(503);
    expect(JSON.parse(hop.text)).toMatchObject({ statusCode: 503, code: 'COGNITO_UNAVAILABLE' });
    expect(setCookieOf(hop, ACCESS_COOKIE)).toBeUndefined();
  });
});
