import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emulatorWithSdk } from './helpers.js';
import { basic, claimsOf, machineClient, oauthPool, postForm, READ, WRITE } from './oauth-fixture.js';

/** The client credentials grant at the token endpoint, found through the pool's discovery document. */
describe('POST /oauth2/token: client_credentials', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;
  let poolId: string;
  let client: { clientId: string; clientSecret: string };
  let tokenEndpoint: string;

  beforeAll(async () => {
    ({ emulator, cognito } = await emulatorWithSdk());
    poolId = await oauthPool(cognito);
    client = await machineClient(cognito, poolId);
    const discovery = (await (
      await fetch(`${emulator.endpoint}/${poolId}/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    tokenEndpoint = discovery.token_endpoint!;
  });
  afterAll(() => emulator.stop());

  const grant = (form: Record<string, string> = {}, headers?: Record<string, string>) =>
    postForm(
      tokenEndpoint,
      { grant_type: 'client_credentials', ...form },
      headers ?? { authorization: basic(client.clientId, client.clientSecret) },
    );

  it('issues an access token that aws-jwt-verify accepts with its scope (client_secret_basic)', async () => {
    const { status, body, headers } = await grant({ scope: READ });
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const verifier = CognitoJwtVerifier.create({
      userPoolId: poolId,
      tokenUse: 'access',
      clientId: client.clientId,
      scope: READ,
    });
    verifier.cacheJwks(await (await fetch(`${emulator.endpoint}/${poolId}/.well-known/jwks.json`)).json());
    const payload = await verifier.verify(body.access_token as string);
    expect(payload.scope).toBe(READ);
  });

  it('carries exactly the claims AWS puts in a machine token, the client as subject', async () => {
    const { body } = await grant({ scope: READ });
    const claims = claimsOf(body.access_token as string);
    expect(Object.keys(claims).sort()).toEqual(
      ['auth_time', 'client_id', 'exp', 'iat', 'iss', 'jti', 'scope', 'sub', 'token_use', 'version'].sort(),
    );
    expect(claims).toMatchObject({
      sub: client.clientId,
      client_id: client.clientId,
      token_use: 'access',
      version: 2,
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`,
    });
    expect(claims.exp).toBe((claims.iat as number) + 3600);
  });

  it('grants every allowed custom scope when no scope is asked for', async () => {
    const { body } = await grant();
    expect((claimsOf(body.access_token as string).scope as string).split(' ').sort()).toEqual(
      [READ, WRITE].sort(),
    );
  });

  it('takes the client in the form (client_secret_post)', async () => {
    const { status, body } = await grant(
      { client_id: client.clientId, client_secret: client.clientSecret, scope: WRITE },
      {},
    );
    expect(status).toBe(200);
    expect(claimsOf(body.access_token as string).scope).toBe(WRITE);
  });

  it('answers invalid_scope for a scope the client is not allowed', async () => {
    const { status, body } = await grant({ scope: `${READ} ${'https://other.test/admin'}` });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_scope' });
  });

  it('answers invalid_scope for openid, which no machine token carries', async () => {
    expect((await grant({ scope: 'openid' })).body).toEqual({ error: 'invalid_scope' });
  });

  it('answers invalid_client (400) for a wrong secret, an unknown client, or none', async () => {
    const attempts: Record<string, string>[] = [
      { authorization: basic(client.clientId, 'not-the-secret') },
      { authorization: basic('unknownclientid0000000000', client.clientSecret) },
      { authorization: 'Basic !!!' },
      {},
    ];
    for (const headers of attempts) {
      const { status, body } = await grant({}, headers);
      expect(status).toBe(400);
      expect(body).toEqual({ error: 'invalid_client' });
    }
  });

  it('answers invalid_client for a client_id in the form that is not the one of the header', async () => {
    const other = await machineClient(cognito, poolId);
    const { body } = await grant({ client_id: other.clientId });
    expect(body).toEqual({ error: 'invalid_client' });
  });

  it('answers invalid_request when the secret comes both ways', async () => {
    const { body } = await grant({ client_secret: client.clientSecret });
    expect(body).toEqual({ error: 'invalid_request' });
  });

  it('answers unauthorized_client when the client is not allowed the grant', async () => {
    const web = await machineClient(cognito, poolId, {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      CallbackURLs: ['http://localhost:3000/cb'],
    });
    const { status, body } = await grant({}, { authorization: basic(web.clientId, web.clientSecret) });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'unauthorized_client' });
  });

  it('answers unsupported_grant_type for a grant AWS does not have, invalid_request without one', async () => {
    expect((await grant({ grant_type: 'password' })).body).toEqual({ error: 'unsupported_grant_type' });
    const { body } = await postForm(
      tokenEndpoint,
      {},
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    expect(body).toEqual({ error: 'invalid_request' });
  });

  it('requires a form body: JSON is invalid_request', async () => {
    const response = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: basic(client.clientId, client.clientSecret),
      },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_request' });
  });

  it('answers invalid_request for a repeated parameter', async () => {
    const response = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basic(client.clientId, client.clientSecret),
      },
      body: 'grant_type=client_credentials&scope=a&scope=b',
    });
    expect(await response.json()).toEqual({ error: 'invalid_request' });
  });

  it('answers only POST (405 otherwise)', async () => {
    const response = await fetch(tokenEndpoint);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('does not answer for a pool without a domain (invalid_client), nor list the endpoints', async () => {
    const { UserPool } = await cognito.createUserPool({ PoolName: 'no-domain' });
    const bare = await machineClient(cognito, UserPool!.Id!, {
      AllowedOAuthScopes: undefined,
      AllowedOAuthFlows: undefined,
      AllowedOAuthFlowsUserPoolClient: false,
    });
    const { body } = await grant({}, { authorization: basic(bare.clientId, bare.clientSecret) });
    expect(body).toEqual({ error: 'invalid_client' });
    const discovery = (await (
      await fetch(`${emulator.endpoint}/${UserPool!.Id!}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(discovery.token_endpoint).toBeUndefined();
  });
});
