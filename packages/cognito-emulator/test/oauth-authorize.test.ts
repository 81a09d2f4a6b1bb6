import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emulatorWithSdk, PASSWORD, userWithPassword } from './helpers.js';
import {
  authorizeUrl,
  browse,
  CALLBACK,
  claimsOf,
  CookieJar,
  oauthPool,
  signInOnLoginPage,
  webClient,
} from './oauth-fixture.js';

/** `GET /oauth2/authorize`: its checks, errors as AWS answers them, the session that skips the form. */
describe('GET /oauth2/authorize', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;
  let poolId: string;
  let clientId: string;
  let base: string;
  const email = 'authorize-user@example.com';

  beforeAll(async () => {
    ({ emulator, cognito } = await emulatorWithSdk());
    base = emulator.endpoint;
    poolId = await oauthPool(cognito);
    ({ clientId } = await webClient(cognito, poolId));
    await userWithPassword(cognito, poolId, email);
  });
  afterAll(() => emulator.stop());

  const get = (url: string, jar = new CookieJar()) => browse(url, jar);
  const errorOf = (response: Response) => {
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    return Object.fromEntries(location.searchParams);
  };

  it('sends a user without a session to the managed login, with the same parameters', async () => {
    const response = await get(authorizeUrl(base, clientId, { state: 's', scope: 'openid' }));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!, base);
    expect(location.pathname).toBe('/login');
    expect(Object.fromEntries(location.searchParams)).toEqual({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: CALLBACK,
      state: 's',
      scope: 'openid',
    });
  });

  it('shows a redirect_uri that is not a callback URL on an error page, never redirecting', async () => {
    for (const redirect of ['http://evil.test/cb', `${CALLBACK}/`, '']) {
      const response = await get(authorizeUrl(base, clientId, { redirect_uri: redirect }));
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('redirect_mismatch');
    }
  });

  it('shows an unknown client on an error page', async () => {
    const response = await get(authorizeUrl(base, 'nosuchclient0000000000000'));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('redirects invalid_request (with state) when response_type is missing', async () => {
    const url = `${base}/oauth2/authorize?client_id=${clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}&state=xyz`;
    expect(errorOf(await get(url))).toEqual({ error: 'invalid_request', state: 'xyz' });
  });

  it('redirects unsupported_response_type for a response_type that is neither code nor token', async () => {
    expect(errorOf(await get(authorizeUrl(base, clientId, { response_type: 'id_token' })))).toEqual({
      error: 'unsupported_response_type',
    });
  });

  it('redirects unauthorized_client for the implicit grant on a client that only has code', async () => {
    expect(errorOf(await get(authorizeUrl(base, clientId, { response_type: 'token' })))).toEqual({
      error: 'unauthorized_client',
    });
  });

  it('redirects invalid_scope for a scope the client is not allowed, or email without openid', async () => {
    for (const scope of ['openid phone', 'email', 'https://api.example.test/write']) {
      expect(errorOf(await get(authorizeUrl(base, clientId, { scope, state: 'k' })))).toEqual({
        error: 'invalid_scope',
        state: 'k',
      });
    }
  });

  it('redirects invalid_request for PKCE other than S256 (plain, a challenge without a method)', async () => {
    const challenge = 'a'.repeat(43);
    const plain = { code_challenge: challenge, code_challenge_method: 'plain' };
    expect(errorOf(await get(authorizeUrl(base, clientId, plain)))).toEqual({ error: 'invalid_request' });
    expect(errorOf(await get(authorizeUrl(base, clientId, { code_challenge: challenge })))).toEqual({
      error: 'invalid_request',
    });
  });

  it('a second authorization with the managed-login session skips the form', async () => {
    const jar = new CookieJar();
    const first = await signInOnLoginPage(base, authorizeUrl(base, clientId), email, PASSWORD, jar);
    expect(first.searchParams.get('code')).toBeTruthy();
    expect(jar.get('cognito')).toBeTruthy();
    const again = await get(authorizeUrl(base, clientId, { state: 'again' }), jar);
    expect(again.status).toBe(302);
    const location = new URL(again.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('again');
    expect(location.searchParams.get('code')).not.toBe(first.searchParams.get('code'));
  });

  it('the session of one pool does not sign in to another pool', async () => {
    const jar = new CookieJar();
    await signInOnLoginPage(base, authorizeUrl(base, clientId), email, PASSWORD, jar);
    const otherPool = await oauthPool(cognito);
    const other = await webClient(cognito, otherPool);
    const response = await get(authorizeUrl(base, other.clientId), jar);
    expect(new URL(response.headers.get('location')!, base).pathname).toBe('/login');
  });

  it('implicit grant: tokens in the fragment, the nonce in the ID token, no refresh token', async () => {
    const implicit = await webClient(cognito, poolId, { AllowedOAuthFlows: ['implicit'] });
    const back = await signInOnLoginPage(
      base,
      authorizeUrl(base, implicit.clientId, {
        response_type: 'token',
        scope: 'openid email',
        state: 'imp',
        nonce: 'nonce-9',
      }),
      email,
      PASSWORD,
    );
    expect(back.search).toBe('');
    const fragment = Object.fromEntries(new URLSearchParams(back.hash.slice(1)));
    expect(Object.keys(fragment).sort()).toEqual([
      'access_token',
      'expires_in',
      'id_token',
      'state',
      'token_type',
    ]);
    expect(fragment).toMatchObject({ state: 'imp', token_type: 'Bearer', expires_in: '3600' });
    expect(claimsOf(fragment.id_token!)).toMatchObject({ nonce: 'nonce-9', email });
    expect(claimsOf(fragment.access_token!).scope).toBe('openid email');
  });
});
