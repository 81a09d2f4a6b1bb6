import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { CreateUserPoolClientRequest } from '@aws-sdk/client-cognito-identity-provider';
import { Controller, Get, HttpCode, type INestApplication, Module, Post, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { CognitoAuthGuard, CognitoModule, type CognitoUser, CurrentUser, Public } from '../src/index.js';
import { computeSecretHash } from '../src/cognito/secret-hash.js';
import { CognitoWebLoginModule } from '../src/web-login/web-login.module.js';
import type { CognitoWebLoginOptions } from '../src/web-login/web-login.options.js';
import { type Adapter, CapturedLogs, type Cognito, PASSWORD, startCognito } from './helpers.js';

/*
 * An application with the web login against an emulated pool that has a domain and a web app
 * client (authorization code, a secret), and a cookie-keeping "browser" that drives the emulator's
 * managed login form with fetch.
 */

export const ACCESS_COOKIE = '__Host-cognito-access';
export const REFRESH_COOKIE = '__Host-cognito-refresh';
export const LOGIN_COOKIE = '__Host-cognito-login';
export const COOKIE_SECRET = randomBytes(32).toString('base64url');

/** Routes behind the guard: who is signed in, and an unsafe method for the CSRF checks. */
@Controller('t')
@UseGuards(CognitoAuthGuard)
class SessionController {
  @Get('me')
  me(@CurrentUser() user: CognitoUser) {
    return { sub: user.sub, username: user.username, scopes: user.scopes };
  }

  @Post('orders')
  @HttpCode(201)
  order(@CurrentUser('sub') sub: string) {
    return { ordered: true, by: sub };
  }

  @Get('open')
  @Public()
  open() {
    return { open: true };
  }
}

export interface WebLoginApp {
  cognito: Cognito;
  nest: INestApplication;
  /** Where the app listens (127.0.0.1). */
  url: string;
  /** The app's origin as the browser and Cognito know it (localhost, as callback URLs must be). */
  origin: string;
  clientId: string;
  clientSecret: string;
  logs: CapturedLogs;
  /** A confirmed user of the pool with `PASSWORD`. */
  user(email: string): Promise<void>;
  /** Tokens of a session of the web client begun through the API (InitiateAuth), not the managed login. */
  apiSession(email: string): Promise<{ accessToken: string; refreshToken: string }>;
  close(): Promise<void>;
}

/** The web app client of the pool: authorization code with PKCE, a secret, this app's URLs. */
function webClientSettings(origin: string, extra: Partial<CreateUserPoolClientRequest>) {
  return {
    ClientName: 'web',
    GenerateSecret: true,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code' as const],
    AllowedOAuthScopes: ['openid', 'email', 'profile'],
    CallbackURLs: [`${origin}/auth/oauth/callback`],
    LogoutURLs: [`${origin}/`],
    SupportedIdentityProviders: ['COGNITO'],
    // The password flow too, so that tests can also begin sessions through the API.
    ExplicitAuthFlows: [
      'ALLOW_USER_SRP_AUTH' as const,
      'ALLOW_USER_PASSWORD_AUTH' as const,
      'ALLOW_REFRESH_TOKEN_AUTH' as const,
    ],
    ...extra,
  };
}

/** The app, its pool's domain and web client, and a logger that keeps every line. */
export async function startWebLoginApp(
  adapter: Adapter,
  options: {
    client?: Partial<CreateUserPoolClientRequest>;
    web?: Partial<CognitoWebLoginOptions>;
  } = {},
): Promise<WebLoginApp> {
  const cognito = await startCognito();
  const { sdk, poolId, emulator } = cognito;
  await sdk.createUserPoolDomain({ UserPoolId: poolId, Domain: `web-${randomBytes(6).toString('hex')}` });
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const { UserPoolClient: client } = await sdk.createUserPoolClient({
    UserPoolId: poolId,
    ...webClientSettings(origin, options.client ?? {}),
  });
  const clientId = client!.ClientId!;
  const clientSecret = client!.ClientSecret!;

  @Module({
    imports: [
      CognitoModule.forRoot({
        ...cognito.options('public'),
        clientId,
        clientSecret,
        tokenCookie: ACCESS_COOKIE,
        isGlobal: true,
      }),
      CognitoWebLoginModule.forRoot({
        domain: emulator.endpoint,
        redirectUri: `${origin}/auth/oauth/callback`,
        cookie: { secret: COOKIE_SECRET },
        ...options.web,
      }),
    ],
    controllers: [SessionController],
  })
  class WebLoginAppModule {}

  const logs = new CapturedLogs();
  const app = await NestFactory.create(
    WebLoginAppModule,
    adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter(),
    { logger: logs, abortOnError: false },
  );
  await app.listen(port, '127.0.0.1');
  return {
    cognito,
    nest: app,
    url: `http://127.0.0.1:${port}`,
    origin,
    clientId,
    clientSecret,
    logs,
    user: async (email) => {
      await sdk.adminCreateUser({
        UserPoolId: poolId,
        Username: email,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
        MessageAction: 'SUPPRESS',
      });
      await sdk.adminSetUserPassword({
        UserPoolId: poolId,
        Username: email,
        Password: PASSWORD,
        Permanent: true,
      });
    },
    apiSession: async (email) => {
      const { AuthenticationResult: result } = await sdk.initiateAuth({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: {
          USERNAME: email,
          PASSWORD,
          SECRET_HASH: computeSecretHash(clientSecret, email, clientId),
        },
      });
      return { accessToken: result!.AccessToken!, refreshToken: result!.RefreshToken! };
    },
    close: async () => {
      await app.close();
      sdk.destroy();
      await emulator.stop();
    },
  };
}

/** A port nobody listens on now, so that the callback URL can be registered before the app starts. */
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

/** One cookie as a browser keeps it. */
export interface StoredCookie {
  value: string;
  attributes: Record<string, string | true>;
}

/** One answer, not followed. */
export interface Hop {
  status: number;
  location?: string;
  setCookies: string[];
  headers: Headers;
  text: string;
}

/**
 * A browser, as far as cookies and redirects go: one jar per host, Set-Cookie honoured (Max-Age=0
 * deletes), redirects followed by the test one hop at a time. Requests for the app's origin
 * (localhost) go to where it listens (127.0.0.1); fetch sends that as Host.
 */
export class Browser {
  readonly jars = new Map<string, Map<string, StoredCookie>>();

  constructor(private readonly app: Pick<WebLoginApp, 'url' | 'origin'>) {}

  jar(host: string): Map<string, StoredCookie> {
    let jar = this.jars.get(host);
    if (!jar) this.jars.set(host, (jar = new Map()));
    return jar;
  }

  /** The app's cookies. */
  get cookies(): Map<string, StoredCookie> {
    return this.jar(new URL(this.app.origin).host);
  }

  async go(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<Hop> {
    const target = new URL(url, this.app.origin);
    const jar = this.jar(target.host);
    const cookie = [...jar].map(([name, c]) => `${name}=${c.value}`).join('; ');
    const wire =
      target.origin === this.app.origin
        ? new URL(`${target.pathname}${target.search}`, this.app.url)
        : target;
    const response = await fetch(wire, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) store(jar, line);
    const location = response.headers.get('location') ?? undefined;
    return {
      status: response.status,
      ...(location ? { location: new URL(location, target).href } : {}),
      setCookies,
      headers: response.headers,
      text: await response.text(),
    };
  }
}

function parseSetCookie(line: string): [string, StoredCookie] {
  const [pair, ...rest] = line.split(';');
  const eq = pair!.indexOf('=');
  const attributes: Record<string, string | true> = {};
  for (const part of rest) {
    const i = part.indexOf('=');
    if (i < 0) attributes[part.trim().toLowerCase()] = true;
    else attributes[part.slice(0, i).trim().toLowerCase()] = part.slice(i + 1).trim();
  }
  return [pair!.slice(0, eq).trim(), { value: pair!.slice(eq + 1).trim(), attributes }];
}

function store(jar: Map<string, StoredCookie>, line: string): void {
  const [name, cookie] = parseSetCookie(line);
  if (cookie.attributes['max-age'] === '0') jar.delete(name);
  else jar.set(name, cookie);
}

/** The Set-Cookie line of a cookie, parsed. */
export function setCookieOf(hop: Hop, name: string): StoredCookie | undefined {
  const line = hop.setCookies.find((entry) => entry.startsWith(`${name}=`));
  return line === undefined ? undefined : parseSetCookie(line)[1];
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const unescapeHtml = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!);

/** The first POST form of a page: where it posts and its hidden fields. */
export function formOf(html: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*method="post"[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`no form in the page: ${html.slice(0, 200)}`);
  const fields: Record<string, string> = {};
  for (const input of form[2]!.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1];
    if (name !== undefined) fields[unescapeHtml(name)] = unescapeHtml(value ?? '');
  }
  return { action: unescapeHtml(form[1]!), fields };
}

/**
 * Signs in on the managed login as a browser would: the app's login redirect, the emulator's
 * redirects to its sign-in page, the form posted with the user's email and password, up to the
 * redirect back to the app's callback, which is returned (not followed).
 */
export async function signInOnManagedLogin(
  browser: Browser,
  app: Pick<WebLoginApp, 'origin'>,
  email: string,
  loginPath = '/auth/oauth/login',
): Promise<string> {
  let url = new URL(loginPath, app.origin).href;
  let hop = await browser.go(url);
  for (let hops = 0; hop.location && hops < 5; hops++) {
    url = hop.location;
    hop = await browser.go(url);
  }
  if (hop.status !== 200) throw new Error(`managed login answered ${hop.status}: ${hop.text.slice(0, 200)}`);
  const form = formOf(hop.text);
  const action = new URL(form.action, url);
  hop = await browser.go(action.href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: action.origin },
    body: new URLSearchParams({ ...form.fields, username: email, password: PASSWORD }).toString(),
  });
  for (let hops = 0; hop.location && !hop.location.startsWith(app.origin) && hops < 5; hops++) {
    hop = await browser.go(hop.location);
  }
  if (!hop.location?.startsWith(`${app.origin}/auth/oauth/callback`)) {
    throw new Error(`the managed login did not come back: ${hop.status} ${hop.text.slice(0, 300)}`);
  }
  return hop.location;
}
