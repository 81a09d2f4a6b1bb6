import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CognitoAuthService,
  CognitoException,
  CognitoModule,
  type CognitoModuleOptions,
} from '../src/index.js';
import { CognitoRestModule } from '../src/rest/index.js';
import {
  bearer,
  type Cognito,
  PASSWORD,
  request,
  startApp,
  startCognito,
  type TestApp,
  withController,
} from './helpers.js';

let cognito: Cognito;
beforeAll(async () => {
  cognito = await startCognito();
});
afterAll(() => cognito.emulator.stop());

describe('a client with a secret and ADMIN_USER_PASSWORD_AUTH', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startApp('fastify', withController(cognito.options('secret')));
  });
  afterAll(() => server.close());

  it('computes SECRET_HASH for every call, refresh included (over the internal user name)', async () => {
    const post = (path: string, body?: unknown, headers?: Record<string, string>) =>
      request('POST', `${server.url}${path}`, body, headers);
    const email = 'secret-client@example.com';
    expect((await post('/auth/sign-up', { email, password: PASSWORD })).status).toBe(201);
    expect((await post('/auth/confirm-sign-up', { email, code: cognito.lastCode(email) })).status).toBe(204);
    const signIn = await post('/auth/sign-in', { email, password: PASSWORD });
    expect(signIn.status).toBe(200);
    const me = await request('GET', `${server.url}/auth/me`, undefined, bearer(signIn.body.accessToken));
    expect(me.status).toBe(200);

    // Without the user name the refresh cannot be signed: a clear 400, not a Cognito error.
    expect(await post('/auth/refresh', { refreshToken: signIn.body.refreshToken })).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
    const refreshed = await post('/auth/refresh', {
      refreshToken: signIn.body.refreshToken,
      username: me.body.username,
    });
    expect(refreshed.status).toBe(200);
    // The email is not the internal user name of an email pool: its hash does not match.
    expect(
      await post('/auth/refresh', { refreshToken: signIn.body.refreshToken, username: email }),
    ).toMatchObject({ status: 401, body: { code: 'NOT_AUTHORIZED' } });

    await post('/auth/forgot-password', { email });
    expect(
      await post('/auth/confirm-forgot-password', {
        email,
        code: cognito.lastCode(email),
        newPassword: 'Secret-horse-9',
      }),
    ).toMatchObject({ status: 204 });
    expect((await post('/auth/sign-in', { email, password: 'Secret-horse-9' })).status).toBe(200);
  });

  it('answers NEW_PASSWORD_REQUIRED through AdminRespondToAuthChallenge', async () => {
    const email = 'secret-invited@example.com';
    await cognito.sdk.adminCreateUser({
      UserPoolId: cognito.poolId,
      Username: email,
      TemporaryPassword: 'Temp-horse-9',
      MessageAction: 'SUPPRESS',
    });
    const signIn = await request('POST', `${server.url}/auth/sign-in`, { email, password: 'Temp-horse-9' });
    expect(signIn.body.challenge).toBe('NEW_PASSWORD_REQUIRED');
    const answered = await request('POST', `${server.url}/auth/respond-to-challenge`, {
      email,
      challenge: 'NEW_PASSWORD_REQUIRED',
      session: signIn.body.session,
      newPassword: 'Own-horse-99',
    });
    expect(answered.status).toBe(200);
  });
});

describe('forRootAsync', () => {
  @Injectable()
  class AppConfig {
    cognito(): CognitoModuleOptions {
      return cognito.options('public');
    }
  }
  @Module({ providers: [AppConfig], exports: [AppConfig] })
  class ConfigModule {}

  it('takes its options from a factory with injected providers; CognitoRestModule mounts the controller on it', async () => {
    @Module({
      imports: [
        CognitoModule.forRootAsync({
          imports: [ConfigModule],
          inject: [AppConfig],
          useFactory: (config: AppConfig) => config.cognito(),
          isGlobal: true,
        }),
        CognitoRestModule.forRoot({ auth: true }),
      ],
    })
    class AsyncAppModule {}
    const server = await startApp('express', AsyncAppModule);
    try {
      const answer = await request('POST', `${server.url}/auth/sign-in`, {
        email: 'nobody@example.com',
        password: PASSWORD,
      });
      expect(answer).toMatchObject({ status: 401, body: { code: 'NOT_AUTHORIZED' } });
    } finally {
      await server.close();
    }
  });

  it('adds no routes by itself (the REST API is CognitoRestModule, nest-cognito/rest)', async () => {
    const server = await startApp('fastify', CognitoModule.forRoot(cognito.options('public')));
    try {
      expect((await request('POST', `${server.url}/auth/sign-in`, {})).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('a server whose app client is misconfigured', () => {
  it('answers 502 CLIENT_MISCONFIGURED, forgot-password included (never a silent 202)', async () => {
    const server = await startApp(
      'fastify',
      withController({
        ...cognito.options('secret'),
        clientSecret: 'not-the-secret',
        authFlow: 'USER_PASSWORD_AUTH',
      }),
    );
    try {
      for (const [path, body] of [
        ['/auth/sign-in', { email: 'someone@example.com', password: PASSWORD }],
        ['/auth/forgot-password', { email: 'someone@example.com' }],
      ] as const) {
        const answer = await request('POST', `${server.url}${path}`, body);
        expect(answer.body).toMatchObject({ statusCode: 502, code: 'CLIENT_MISCONFIGURED' });
        expect(answer.text).not.toContain('not-the-secret');
      }
    } finally {
      await server.close();
    }
  });
});

describe('boot-time validation', () => {
  it('refuses to start with one message naming every problem', async () => {
    const building = Test.createTestingModule({
      imports: [
        CognitoModule.forRoot({
          userPoolId: 'nope',
          clientId: '',
          endpoint: 'ftp://x',
        } as CognitoModuleOptions),
      ],
    }).compile();
    await expect(building).rejects.toThrow(
      /Invalid CognitoModule options:\n {2}- userPoolId "nope" is not of the form <region>_<id>\n {2}- clientId is required\n {2}- endpoint "ftp:\/\/x" is not an http\(s\) URL/,
    );
  });

  it('needs no credentials in the options (the default provider chain applies)', async () => {
    const { credentials: _none, ...options } = cognito.options('public');
    const moduleRef = await Test.createTestingModule({ imports: [CognitoModule.forRoot(options)] }).compile();
    expect(moduleRef.get(CognitoAuthService)).toBeInstanceOf(CognitoAuthService);
    await moduleRef.close();
  });
});

describe('when Cognito is unreachable', () => {
  it('answers 503 COGNITO_UNAVAILABLE, and the service throws a typed CognitoException', async () => {
    const server = await startApp(
      'fastify',
      withController({ ...cognito.options('public'), endpoint: 'http://127.0.0.1:9' }),
    );
    try {
      const answer = await request('POST', `${server.url}/auth/sign-in`, {
        email: 'down@example.com',
        password: PASSWORD,
      });
      expect(answer).toMatchObject({
        status: 503,
        body: {
          statusCode: 503,
          code: 'COGNITO_UNAVAILABLE',
          message: 'Cognito is unreachable; try again later.',
        },
      });
      expect(answer.text).not.toContain(PASSWORD);
      const service = server.app.get(CognitoAuthService);
      const error = await service
        .signUp({ email: 'down@example.com', password: PASSWORD })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CognitoException);
      expect(error).toMatchObject({ code: 'COGNITO_UNAVAILABLE' });
    } finally {
      await server.close();
    }
  });
});
