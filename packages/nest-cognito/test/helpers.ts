import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { type INestApplication, type LoggerService, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { type Seed, startEmulator } from 'cognito-emulator';
import { expect } from 'vitest';
import {
  applyCognitoErrorHandling,
  CognitoAdminService,
  CognitoAuthService,
  cognitoFastifyOptions,
  CognitoModule,
  type CognitoModuleOptions,
} from '../src/index.js';
import { CognitoRestModule, type CognitoRestModuleOptions } from '../src/rest/index.js';
import { type SignedInUser, signUpAndSignIn } from '../src/testing/signed-in-user.js';

export type Adapter = 'express' | 'fastify';
export const ADAPTERS: Adapter[] = ['express', 'fastify'];
export const PASSWORD = 'Correct-horse-9';
const CREDENTIALS = { accessKeyId: 'emulator', secretAccessKey: 'emulator' };

/** A pool that signs in with email, a public client and a client with a secret and the admin flow. */
export const SEED: Seed = {
  pools: [
    {
      name: 'app',
      settings: {
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
      },
      clients: [
        {
          name: 'public',
          settings: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
        },
        {
          name: 'secret',
          generateSecret: true,
          settings: {
            ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          },
        },
      ],
      groups: [{ name: 'admin' }],
    },
  ],
};

/** An emulator whose clock tests may move forward (`advance`). */
export async function startCognito() {
  let offset = 0;
  const emulator = await startEmulator({ port: 0, seed: SEED, now: () => Date.now() + offset });
  const pool = emulator.pools.app!;
  const sdk = new CognitoIdentityProvider({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
  const options = (client: 'public' | 'secret'): CognitoModuleOptions => ({
    userPoolId: pool.id,
    clientId: pool.clients[client]!.id,
    ...(pool.clients[client]!.secret ? { clientSecret: pool.clients[client]!.secret } : {}),
    endpoint: emulator.endpoint,
    credentials: CREDENTIALS,
    ...(client === 'secret' ? { authFlow: 'ADMIN_USER_PASSWORD_AUTH' as const } : {}),
  });
  return {
    emulator,
    sdk,
    poolId: pool.id,
    options,
    advance: (ms: number) => (offset += ms),
    lastCode: (to: string) => emulator.messages({ to }).at(-1)?.code ?? '',
  };
}

export type Cognito = Awaited<ReturnType<typeof startCognito>>;

export interface TestApp {
  url: string;
  app: INestApplication;
  close(): Promise<void>;
}

/**
 * An application whose root module is the given one, listening on a free port with the adapter;
 * with `errorHandling`, set up as the docs say (`applyCognitoErrorHandling`, `cognitoFastifyOptions`);
 * silent unless given a `logger` (`CapturedLogs`).
 */
export async function startApp(
  adapter: Adapter,
  module: object,
  options: { errorHandling?: boolean; logger?: LoggerService } = {},
): Promise<TestApp> {
  const app = await NestFactory.create(
    module as never,
    adapter === 'fastify'
      ? new FastifyAdapter(options.errorHandling ? cognitoFastifyOptions() : {})
      : new ExpressAdapter(),
    // A module that fails to start must fail the test, not end the process.
    { logger: options.logger ?? false, abortOnError: false },
  );
  if (options.errorHandling) applyCognitoErrorHandling(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, app, close: () => app.close() };
}

/**
 * An application module set up as the docs say: a global `CognitoModule` configured by `options`
 * and `CognitoRestModule.forRoot(rest)` (the /auth routes unless told otherwise), for `startApp`.
 */
export function withRest(options: CognitoModuleOptions, rest: CognitoRestModuleOptions = { auth: true }) {
  @Module({
    imports: [CognitoModule.forRoot({ ...options, isGlobal: true }), CognitoRestModule.forRoot(rest)],
  })
  class RestAppModule {}
  return RestAppModule;
}

/** The module with the ready-made /auth controller, for `startApp`. */
export const withController = (options: CognitoModuleOptions) => withRest(options);

/** The library's services, as an application injects them. */
export interface LibraryServices {
  auth: CognitoAuthService;
  admin: CognitoAdminService;
}

const compiled = new Map<string, Promise<LibraryServices>>();

/**
 * The services of `CognitoModule.forRoot(options)` (no HTTP application), compiled once for the same
 * options in a test file: the service-level tests sign in through several pools and clients.
 */
export function servicesFor(options: CognitoModuleOptions): Promise<LibraryServices> {
  const key = JSON.stringify(options);
  if (!compiled.has(key)) {
    compiled.set(
      key,
      Test.createTestingModule({ imports: [CognitoModule.forRoot(options)] })
        .compile()
        .then((moduleRef) => ({
          auth: moduleRef.get(CognitoAuthService),
          admin: moduleRef.get(CognitoAdminService),
        })),
    );
  }
  return compiled.get(key)!;
}

/** A logger that keeps every line an application writes, at every level, to search for secrets. */
export class CapturedLogs implements LoggerService {
  readonly lines: string[] = [];
  private keep =
    (level: string) =>
    (...args: unknown[]) => {
      this.lines.push(
        `${level} ${args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' ')}`,
      );
    };
  log = this.keep('log');
  error = this.keep('error');
  warn = this.keep('warn');
  debug = this.keep('debug');
  verbose = this.keep('verbose');
  fatal = this.keep('fatal');

  /** Which of the given secrets (by what they are) appear in the lines: none, hopefully. */
  leaked(secrets: Map<string, string>): string[] {
    const text = this.lines.join('\n');
    return [...secrets].filter(([, secret]) => text.includes(secret)).map(([what]) => what);
  }
}

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies, read field by field
  body: any;
  text: string;
}

export async function request(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A request to one of the test's applications, with a bearer token when given. */
export const callApp = (app: TestApp, method: string, path: string, body?: unknown, token?: string) =>
  request(method, `${app.url}${path}`, body, token ? bearer(token) : {});

/**
 * The secrets a run sees (tokens, codes, sessions), by what they are, for `CapturedLogs.leaked`:
 * `keep(what, value)` records one (it must be a string) and returns it.
 */
export function secretsKept() {
  const secrets = new Map<string, string>();
  const keep = <T extends string>(what: string, value: T): T => {
    expect(typeof value, what).toBe('string');
    secrets.set(`${what} ${secrets.size}`, value);
    return value;
  };
  return { secrets, keep };
}

/**
 * A confirmed user of the emulated pool, in the given groups, signed in through the public client:
 * its real tokens. Made through Cognito's API only (`signUpAndSignIn`, as `signInAs` does).
 */
export function signedInTokens(
  cognito: Cognito,
  email: string,
  groups: string[] = [],
): Promise<SignedInUser> {
  return signUpAndSignIn(
    {
      sdk: cognito.sdk,
      userPoolId: cognito.poolId,
      clientId: cognito.options('public').clientId,
      codeFor: cognito.lastCode,
    },
    { email, password: PASSWORD, groups },
  );
}
