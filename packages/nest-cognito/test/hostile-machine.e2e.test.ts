import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { type RunningEmulator, startEmulator } from 'cognito-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../src/client-credentials/token-request.js';
import { CognitoClientCredentials, CognitoClientCredentialsError } from '../src/index.js';
import { userFromClaims } from '../src/tokens/cognito-user.js';

/*
 * Hostile tests of the client-credentials fetcher: token endpoints that misbehave (endless or HTML
 * answers, redirects, lifetimes that contradict the token, outages), secrets that need encoding,
 * and URLs that carry credentials. The tokens are the emulator's; a "hostile" endpoint is a small
 * server in front of it that changes one thing of the answer.
 */

let emulator: RunningEmulator;
let sdk: CognitoIdentityProvider;
let poolId: string;
let tokenEndpoint: string;
let machine: { id: string; secret: string };
const servers: { close(): void }[] = [];

/** A server on a free loopback port; closed after the suite. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/token`;
}

/** The request's body, read whole. */
const bodyOf = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
};

/** The emulator's answer to the same token request, as status and parsed body. */
async function upstream(req: IncomingMessage, body: string) {
  const answer = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: {
      authorization: String(req.headers.authorization),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body,
  });
  return { status: answer.status, json: (await answer.json()) as Record<string, unknown> };
}

/** A client with a secret (generated, or the given one) allowed `client_credentials` on `api/read`. */
async function machineClient(secret?: string) {
  const { UserPoolClient } = await sdk.createUserPoolClient({
    UserPoolId: poolId,
    ClientName: 'hostile-machine',
    ...(secret ? { ClientSecret: secret } : { GenerateSecret: true }),
    AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthScopes: ['api/read'],
  });
  return { id: UserPoolClient!.ClientId!, secret: UserPoolClient!.ClientSecret! };
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  sdk = new CognitoIdentityProvider({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' },
    maxAttempts: 1,
  });
  poolId = (await sdk.createUserPool({ PoolName: 'hostile-machines' })).UserPool!.Id!;
  await sdk.createUserPoolDomain({ UserPoolId: poolId, Domain: `h7-${randomBytes(4).toString('hex')}` });
  await sdk.createResourceServer({
    UserPoolId: poolId,
    Identifier: 'api',
    Name: 'API',
    Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }],
  });
  tokenEndpoint = `${emulator.endpoint}/oauth2/token`;
  const configuration = await fetch(`${emulator.endpoint}/${poolId}/.well-known/openid-configuration`);
  tokenEndpoint = String(((await configuration.json()) as { token_endpoint: string }).token_endpoint);
  machine = await machineClient();
});
afterAll(async () => {
  for (const server of servers) server.close();
  await emulator?.stop();
});

/** A fetcher of the machine client at the given token endpoint, with a clock the test moves. */
function fetcher(endpoint: string, options: { timeoutMs?: number; client?: typeof machine } = {}) {
  const clock = { now: Date.now() };
  const client = options.client ?? machine;
  const credentials = new CognitoClientCredentials({
    clientId: client.id,
    clientSecret: client.secret,
    tokenEndpoint: endpoint,
    now: () => clock.now,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  return { credentials, clock };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a CognitoClientCredentialsError');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(CognitoClientCredentialsError);
      return error as CognitoClientCredentialsError;
    },
  );

/** The `exp` and `iat` of a JWT, unverified. */
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number };

describe('answers a token endpoint should not give', () => {
  it('an endless answer without Content-Length is cut at 64 KB: invalid_response, without waiting for the time-out', async () => {
    let written = 0;
    const endpoint = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) written += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    const { credentials } = fetcher(endpoint, { timeoutMs: 60_000 });
    const error = await failure(credentials.getAccessToken());
    expect(error).toMatchObject({ code: 'invalid_response', status: 200 });
    expect(error.message).toContain('64 KB');
    // Not the whole stream: the reader stopped once the limit was past (the rest sits in socket buffers).
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('an HTML page, with 200 or 502, is invalid_response naming the status and not quoting the page', async () => {
    for (const status of [200, 502]) {
      const endpoint = await serve((_req, res) => {
        res.writeHead(status, { 'content-type': 'text/html' });
        res.end('<html><body>Bad gateway secret-page-text</body></html>');
      });
      const error = await failure(fetcher(endpoint).credentials.getAccessToken());
      expect(error).toMatchObject({ code: 'invalid_response', status });
      expect(error.message).not.toContain('secret-page-text');
    }
  });

  it('expires_in missing, zero, negative, a string, or not finite is invalid_response', async () => {
    for (const expiresIn of [undefined, 0, -5, '3600', 'Infinity', null]) {
      const endpoint = await serve((req, res) => {
        void bodyOf(req).then(async (body) => {
          const { json } = await upstream(req, body);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ...json, expires_in: expiresIn }));
        });
      });
      const error = await failure(fetcher(endpoint).credentials.getAccessToken());
      expect(error.code).toBe('invalid_response');
    }
  });

  it("an expires_in beyond the token's own exp does not keep the token past its exp", async () => {
    let requests = 0;
    const endpoint = await serve((req, res) => {
      requests++;
      void bodyOf(req).then(async (body) => {
        const { json } = await upstream(req, body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ...json, expires_in: 10 ** 9 }));
      });
    });
    const { credentials, clock } = fetcher(endpoint);
    const requestedAt = clock.now;
    const first = await credentials.getToken();
    const { exp, iat } = claimsOf(first.accessToken);
    // The token's own lifetime (exp - iat, both of the issuer's clock) bounds expires_in.
    expect(first.expiresAt - requestedAt).toBe((exp - iat) * 1000);
    clock.now = exp * 1000; // the token is dead: Cognito and any verifier refuse it now
    const second = await credentials.getToken();
    expect(requests).toBe(2);
    expect(second.expiresAt).toBeGreaterThan(clock.now);
  });

  it('a description with control characters reaches the message without them (no forged log lines)', async () => {
    const endpoint = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: 'invalid_request',
          error_description: 'bad\n2026-01-01 INFO forged\u001b[31m line\u202etxt.exe',
        }),
      );
    });
    const error = await failure(fetcher(endpoint).credentials.getAccessToken());
    expect(error.code).toBe('invalid_request');
    expect(error.message).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    expect(error.message).toContain('forged');
  });

  it('an echoed secret is redacted before the description is cut: no part of it is left at the cut', async () => {
    const echoes = [
      `${'x'.repeat(190)}${machine.secret}`,
      `you sent ${basicAuthorization(machine.id, machine.secret)}`,
    ];
    for (const description of echoes) {
      const endpoint = await serve((_req, res) => {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'invalid_client', error_description: description }));
      });
      const error = await failure(fetcher(endpoint).credentials.getAccessToken());
      expect(error.code).toBe('invalid_client');
      expect(error.message).not.toContain(machine.secret.slice(0, 8));
      expect(error.message).not.toContain(basicAuthorization(machine.id, machine.secret).slice(6, 30));
    }
  });
});

describe('redirects and credentials in URLs', () => {
  it('a token endpoint that redirects to another host: refused, and the other host sees no request', async () => {
    const seenElsewhere: string[] = [];
    const elsewhere = await serve((req, res) => {
      seenElsewhere.push(`${req.method} ${String(req.headers.authorization)}`);
      res.end('{}');
    });
    for (const status of [301, 302, 307, 308]) {
      const endpoint = await serve((_req, res) => {
        res.writeHead(status, { location: elsewhere });
        res.end();
      });
      const error = await failure(fetcher(endpoint).credentials.getAccessToken());
      expect(error).toMatchObject({ code: 'invalid_response', status });
    }
    expect(seenElsewhere).toEqual([]);
  });

  it('a tokenEndpoint or endpoint with a user name or password in it is refused, without quoting it', () => {
    for (const options of [
      { tokenEndpoint: 'https://admin:hunter2-pass@auth.example.com/oauth2/token' },
      { userPoolId: 'us-east-1_Abc123456', endpoint: 'http://admin:hunter2-pass@127.0.0.1:9229' },
    ]) {
      let message = '';
      try {
        new CognitoClientCredentials({ clientId: 'abc123', clientSecret: 'shh', ...options });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/must be an http\(s\) URL without a user name or password/);
      expect(message).not.toContain('hunter2-pass');
    }
  });

  it('a discovered token_endpoint with a password in it is discovery_failed, without quoting it', async () => {
    const discovery = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token_endpoint: 'https://u:hunter2-pass@auth.example.com/oauth2/token' }));
    });
    const poolBase = discovery.replace(/\/oauth2\/token$/, '');
    const credentials = new CognitoClientCredentials({
      clientId: machine.id,
      clientSecret: machine.secret,
      userPoolId: 'us-east-1_Abc123456',
      endpoint: poolBase,
    });
    const error = await failure(credentials.getAccessToken());
    expect(error.code).toBe('discovery_failed');
    expect(error.message).not.toContain('hunter2-pass');
  });
});

describe('secrets that need encoding (RFC 6749 2.3.1)', () => {
  it('basic credentials are each form-encoded: ":", "+", "%", space and non-ASCII come back intact', () => {
    const secret = 'a:b+c%20d e\u00fc\u{1f511}&=';
    const header = basicAuthorization('client+id', secret);
    const decoded = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString();
    const colon = decoded.indexOf(':');
    const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    expect(formDecode(decoded.slice(0, colon))).toBe('client+id');
    expect(formDecode(decoded.slice(colon + 1))).toBe(secret);
  });

  it('a custom secret with "+" gets a token from the emulated endpoint', async () => {
    const client = await machineClient(`Plus+Secret+${randomBytes(12).toString('hex')}`);
    expect(client.secret).toContain('+');
    const token = await fetcher(tokenEndpoint, { client }).credentials.getAccessToken();
    expect(token.split('.')).toHaveLength(3);
  });
});

describe('outages and invalidation', () => {
  it('a refresh that fails while the cached token is still valid answers the cached token; after its expiry, the error', async () => {
    let down = false;
    const endpoint = await serve((req, res) => {
      if (down) {
        res.writeHead(503, { 'content-type': 'text/plain' });
        return void res.end('maintenance');
      }
      void bodyOf(req).then(async (body) => {
        const { status, json } = await upstream(req, body);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      });
    });
    const { credentials, clock } = fetcher(endpoint);
    const first = await credentials.getToken();
    down = true;
    clock.now = first.expiresAt - 30_000; // inside the 60 s refresh skew, before the expiry
    expect((await credentials.getToken()).accessToken).toBe(first.accessToken);
    clock.now = first.expiresAt;
    expect(await failure(credentials.getToken())).toMatchObject({ code: 'invalid_response', status: 503 });
    // invalidate() means "this token was refused": it is never answered again, outage or not.
    down = false;
    clock.now = Date.now();
    const fresh = await credentials.getToken();
    credentials.invalidate();
    down = true;
    expect(await failure(credentials.getToken())).toMatchObject({ status: 503 });
    expect(fresh.accessToken).toBeTruthy();
  });

  it('invalidate() during a fetch: the callers waiting get the token fetched, and later calls reuse it', async () => {
    let requests = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const endpoint = await serve((req, res) => {
      requests++;
      void bodyOf(req).then(async (body) => {
        await held;
        const { status, json } = await upstream(req, body);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      });
    });
    const { credentials } = fetcher(endpoint);
    const waiting = Promise.all([credentials.getAccessToken(), credentials.getAccessToken()]);
    credentials.invalidate();
    const joined = credentials.getAccessToken();
    release();
    const [a, b] = await waiting;
    expect(a).toBe(b);
    expect(await joined).toBe(a);
    expect(await credentials.getAccessToken()).toBe(a);
    expect(requests).toBe(1);
  });
});

describe('who a verified token is: machine or person', () => {
  const origin = { pool: 'default', userPoolId: 'us-east-1_Abc123456' };
  const kindOf = (claims: Record<string, unknown>) => userFromClaims(claims, origin).isMachine;

  it("the emulator's client-credentials token is a machine with its scopes, however the scope is spaced", async () => {
    const token = await fetcher(tokenEndpoint).credentials.getAccessToken();
    const claims = claimsOf(token) as unknown as Record<string, unknown>;
    const user = userFromClaims({ ...claims, scope: '  api/read   api/write ' }, origin);
    expect(user).toMatchObject({ isMachine: true, clientId: machine.id, groups: [] });
    expect(user.username).toBeUndefined();
    expect(user.scopes).toEqual(['api/read', 'api/write']);
  });

  it('anything short of every machine trait is a person: a username, an ID token, sub and client_id apart', () => {
    const machineLike = { token_use: 'access', sub: 'c1', client_id: 'c1' };
    expect(kindOf(machineLike)).toBe(true);
    expect(kindOf({ ...machineLike, username: 'c1' })).toBe(false);
    expect(kindOf({ ...machineLike, username: null })).toBe(false);
    expect(kindOf({ ...machineLike, token_use: 'id', aud: 'c1' })).toBe(false);
    expect(kindOf({ ...machineLike, sub: 'someone-else' })).toBe(false);
    expect(kindOf({ ...machineLike, client_id: ['c1'] })).toBe(false);
    // A person is never given a machine's emptiness of groups by accident either.
    const person = userFromClaims({ ...machineLike, username: 'bob', 'cognito:groups': ['admin'] }, origin);
    expect(person).toMatchObject({ isMachine: false, username: 'bob', groups: ['admin'] });
  });
});
