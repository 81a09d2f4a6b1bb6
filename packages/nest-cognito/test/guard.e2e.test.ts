import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forger } from './forge.js';
import { guardedApp } from './guarded-app.js';
import {
  ADAPTERS,
  bearer,
  type Cognito,
  PASSWORD,
  request,
  signedInTokens,
  startApp,
  startCognito,
  type TestApp,
} from './helpers.js';

let cognito: Cognito;
beforeAll(async () => {
  cognito = await startCognito();
});
afterAll(() => cognito.emulator.stop());

const tokensOf = (email: string, groups: string[] = []) => signedInTokens(cognito, email, groups);

describe.each(ADAPTERS)('CognitoAuthGuard on %s', (adapter) => {
  let server: TestApp;
  const get = (path: string, headers: Record<string, string> = {}) =>
    request('GET', `${server.url}${path}`, undefined, headers);
  const email = (name: string) => `${name}.guard.${adapter}@example.com`;

  beforeAll(async () => {
    server = await startApp(adapter, guardedApp({ ...cognito.options('public'), tokenCookie: 'session' }));
  });
  afterAll(() => server.close());

  it('lets a valid access token through and gives the typed user', async () => {
    const tokens = await tokensOf(email('valid'));
    const me = await get('/t/me', bearer(tokens.accessToken));
    expect(me).toMatchObject({ status: 200, body: { groups: [], tokenUse: 'access' } });
    expect(me.body.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect((await get('/t/token', bearer(tokens.accessToken))).body).toEqual({
      length: tokens.accessToken.length,
    });
    // The scheme in any case.
    expect((await get('/t/me', { authorization: `bEaReR ${tokens.accessToken}` })).status).toBe(200);
  });

  it('reads the token from the configured cookie when no Authorization header is sent', async () => {
    const tokens = await tokensOf(email('cookie'));
    expect((await get('/t/me', { cookie: `theme=dark; session=${tokens.accessToken}` })).status).toBe(200);
    expect((await get('/t/me', { cookie: `other=${tokens.accessToken}` })).status).toBe(401);
  });

  it('@Public() passes without a token; @OptionalAuth() gives the user or anonymous, but refuses a bad token', async () => {
    const tokens = await tokensOf(email('optional'));
    expect(await get('/t/open')).toMatchObject({ status: 200, body: { user: null } });
    expect(await get('/t/optional')).toMatchObject({ status: 200, body: { user: null } });
    const withUser = await get('/t/optional', bearer(tokens.accessToken));
    expect(withUser.status).toBe(200);
    expect(withUser.body.user).toMatch(/^[0-9a-f-]{36}$/);
    expect((await get('/t/optional', bearer(`${tokens.accessToken}x`))).status).toBe(401);
    expect((await get('/t/optional', { authorization: 'Basic dXNlcjpwYXNz' })).status).toBe(401);
  });

  it('@Groups(): 403 without one of the groups, 200 with one; @Groups.all() needs every one', async () => {
    const none = await tokensOf(email('no-groups'));
    const admin = await tokensOf(email('admin'), ['admin']);
    const both = await tokensOf(email('both'), ['admin', 'ops']);
    expect(await get('/t/admins', bearer(none.accessToken))).toMatchObject({
      status: 403,
      body: { statusCode: 403, code: 'FORBIDDEN' },
    });
    expect((await get('/t/admins', bearer(admin.accessToken))).status).toBe(200);
    expect((await get('/t/admins-and-ops', bearer(admin.accessToken))).status).toBe(403);
    expect((await get('/t/admins-and-ops', bearer(both.accessToken))).status).toBe(200);
  });

  it('@Scopes(): 403 for a token without the scope; any-of and all-of', async () => {
    const f = forger(cognito.emulator, cognito.poolId);
    const base = f.claimsOf((await tokensOf(email('scopes'))).accessToken);
    const withScopes = (scope: string) => f.signed({ ...base, scope });
    expect((await get('/t/orders', bearer(withScopes('aws.cognito.signin.user.admin')))).status).toBe(403);
    expect((await get('/t/orders', bearer(withScopes('orders/admin')))).status).toBe(200);
    expect((await get('/t/orders-write', bearer(withScopes('orders/read')))).status).toBe(403);
    expect((await get('/t/orders-write', bearer(withScopes('orders/read orders/write')))).status).toBe(200);
  });

  it('a sign-out through the library is honoured at once, for every session of the user', async () => {
    const first = await tokensOf(email('signout'));
    const { AuthenticationResult: second } = await cognito.sdk.initiateAuth({
      ClientId: cognito.options('public').clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email('signout'), PASSWORD },
    });
    expect((await get('/t/me', bearer(first.accessToken))).status).toBe(200);
    expect(
      (await request('POST', `${server.url}/auth/sign-out`, undefined, bearer(first.accessToken))).status,
    ).toBe(204);
    for (const token of [first.accessToken, second!.AccessToken!]) {
      const after = await get('/t/me', bearer(token));
      expect(after).toMatchObject({
        status: 401,
        body: { code: 'INVALID_TOKEN', message: 'Token has been revoked.' },
      });
    }
    // A new sign-in after the sign-out works.
    const { AuthenticationResult: third } = await cognito.sdk.initiateAuth({
      ClientId: cognito.options('public').clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email('signout'), PASSWORD },
    });
    expect((await get('/t/me', bearer(third!.AccessToken!))).status).toBe(200);
  });

  describe('attacks: each 401 with WWW-Authenticate, never 500', () => {
    let claims: Record<string, unknown>;
    let idToken: string;
    let f: ReturnType<typeof forger>;
    beforeAll(async () => {
      f = forger(cognito.emulator, cognito.poolId);
      const tokens = await tokensOf(email('victim'));
      claims = f.claimsOf(tokens.accessToken);
      idToken = tokens.idToken;
    });
    const now = () => Math.floor(Date.now() / 1000);

    const cases: [string, () => string | Record<string, string>][] = [
      ['alg: none', () => f.unsigned(claims)],
      ['HS256 signed with the public key', () => f.hs256WithPublicKey(claims)],
      ['an unknown kid', () => f.stranger(claims)],
      ['a known kid, another key', () => f.stranger(claims, f.kid)],
      [
        'a bad signature',
        () => {
          const token = f.signed(claims);
          const last = token.at(-2) === 'A' ? 'B' : 'A';
          return `${token.slice(0, -2)}${last}${token.at(-1)}`;
        },
      ],
      [
        'a tampered payload',
        () => {
          const [header, , signature] = f.signed(claims).split('.');
          const payload = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString(
            'base64url',
          );
          return `${header}.${payload}.${signature}`;
        },
      ],
      [
        'a wrong iss',
        () => f.signed({ ...claims, iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other0001' }),
      ],
      ['an ID token where an access token is required', () => idToken],
      [
        'another client’s token',
        () => f.signed({ ...claims, client_id: cognito.options('secret').clientId }),
      ],
      ['an expired token', () => f.signed({ ...claims, iat: now() - 7200, exp: now() - 3600 })],
      ['nbf in the future', () => f.signed({ ...claims, nbf: now() + 3600 })],
      [
        'no exp',
        () => {
          const { exp: _exp, ...rest } = claims;
          return f.signed(rest);
        },
      ],
      ['malformed base64url', () => 'eyJhbGciOiJSUzI1NiJ9.!!!not-base64!!!.c2ln'],
      ['a token over 8 KB', () => f.signed({ ...claims, padding: 'x'.repeat(9000) })],
      ['a wrong scheme', () => ({ authorization: `Token ${f.signed(claims)}` })],
      ['Basic credentials', () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
      ['a bare token without scheme', () => ({ authorization: f.signed(claims) })],
    ];

    it.each(cases)('%s', async (_name, make) => {
      const made = make();
      const answer = await get('/t/me', typeof made === 'string' ? bearer(made) : made);
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ statusCode: 401, code: 'INVALID_TOKEN' });
      expect(answer.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    });

    it('the genuine token still passes (the cases above fail for their flaw alone)', async () => {
      expect((await get('/t/me', bearer(f.signed(claims)))).status).toBe(200);
    });

    it('two Authorization headers', async () => {
      const genuine = f.signed(claims);
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${server.url}/t/me`, { method: 'GET' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.setHeader('authorization', [`Bearer ${genuine}`, `Bearer ${genuine}`]);
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(401);
    });
  });
});
