import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emulatorWithSdk, PASSWORD, userWithPassword } from './helpers.js';
import {
  authorizeUrl,
  basic,
  CALLBACK,
  claimsOf,
  oauthPool,
  pkcePair,
  postForm,
  signInOnLoginPage,
  webClient,
} from './oauth-fixture.js';

/** The authorization code grant, with PKCE, from a sign-in on the managed login. */
describe('POST /oauth2/token: authorization_code', () => {
  let clock = Date.now();
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;
  let poolId: string;
  let client: { clientId: string; clientSecret: string | undefined };
  let base: string;
  const email = 'code-user@example.com';

  beforeAll(async () => {
    ({ emulator, cognito } = await emulatorWithSdk({ now: () => clock }));
    base = emulator.endpoint;
    poolId = await oauthPool(cognito);
    client = await webClient(cognito, poolId);
    await userWithPassword(cognito, poolId, email);
  });
  afterAll(() => emulator.stop());

  /** A code of a fresh sign-in (with a PKCE challenge unless told), and its verifier. */
  async function codeOf(params: Record<string, string> = {}, pkce = true) {
    const { verifier, challenge } = pkcePair();
    const challengeParams: Record<string, string> = pkce
      ? { code_challenge: challenge, code_challenge_method: 'S256' }
      : {};
    const back = await signInOnLoginPage(
      base,
      authorizeUrl(base, client.clientId, { ...challengeParams, ...params }),
      email,
      PASSWORD,
    );
    return { code: back.searchParams.get('code')!, state: back.searchParams.get('state'), verifier };
  }
  const redeem = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    postForm(
      `${base}/oauth2/token`,
      { grant_type: 'authorization_code', client_id: client.clientId, redirect_uri: CALLBACK, ...form },
      headers,
    );

  it('redeems a code for ID, access and refresh tokens that aws-jwt-verify accepts', async () => {
    const { code, state, verifier } = await codeOf({ state: 'st-1', nonce: 'n-1', scope: 'openid email' });
    expect(state).toBe('st-1');
    const { status, body } = await redeem({ code, code_verifier: verifier });
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'expires_in',
      'id_token',
      'refresh_token',
      'token_type',
    ]);
    const jwks = await (await fetch(`${base}/${poolId}/.well-known/jwks.json`)).json();
    const ids = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId: client.clientId });
    ids.cacheJwks(jwks);
    const id = await ids.verify(body.id_token as string);
    expect(id).toMatchObject({ email, nonce: 'n-1', token_use: 'id' });
    expect(typeof id.at_hash).toBe('string');
    const access = CognitoJwtVerifier.create({
      userPoolId: poolId,
      tokenUse: 'access',
      clientId: client.clientId,
      scope: 'openid',
    });
    access.cacheJwks(jwks);
    const claims = await access.verify(body.access_token as string);
    expect(claims.scope).toBe('openid email');
    expect(claims.username).toBe(id['cognito:username']);
  });

  it('grants every scope of the client when none is asked for', async () => {
    const { code, verifier } = await codeOf();
    const { body } = await redeem({ code, code_verifier: verifier });
    expect((claimsOf(body.access_token as string).scope as string).split(' ').sort()).toEqual(
      ['aws.cognito.signin.user.admin', 'email', 'https://api.example.test/read', 'openid', 'profile'].sort(),
    );
  });

  it('issues no ID token without openid', async () => {
    const { code, verifier } = await codeOf({ scope: 'aws.cognito.signin.user.admin' });
    const { body } = await redeem({ code, code_verifier: verifier });
    expect(body.id_token).toBeUndefined();
    expect(claimsOf(body.access_token as string).scope).toBe('aws.cognito.signin.user.admin');
  });

  it('a code answers once: invalid_grant the second time', async () => {
    const { code, verifier } = await codeOf();
    expect((await redeem({ code, code_verifier: verifier })).status).toBe(200);
    const again = await redeem({ code, code_verifier: verifier });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('of N concurrent redemptions of one code, exactly one gets tokens', async () => {
    const { code, verifier } = await codeOf();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => redeem({ code, code_verifier: verifier })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.body.error === 'invalid_grant')).toHaveLength(7);
  });

  it('a code expires after five minutes (invalid_grant)', async () => {
    const { code, verifier } = await codeOf();
    clock += 5 * 60_000 + 1;
    expect((await redeem({ code, code_verifier: verifier })).body).toEqual({ error: 'invalid_grant' });
  });

  it('a wrong or missing PKCE verifier is invalid_grant', async () => {
    const first = await codeOf();
    expect((await redeem({ code: first.code, code_verifier: pkcePair().verifier })).body).toEqual({
      error: 'invalid_grant',
    });
    const second = await codeOf();
    expect((await redeem({ code: second.code })).body).toEqual({ error: 'invalid_grant' });
  });

  it('a code without PKCE needs no verifier', async () => {
    const { code } = await codeOf({}, false);
    expect((await redeem({ code })).status).toBe(200);
  });

  it('another redirect_uri of the client than the code’s is invalid_grant; one not of the client unauthorized_client', async () => {
    const other = 'http://localhost:3000/other';
    await cognito.updateUserPoolClient({
      UserPoolId: poolId,
      ClientId: client.clientId,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: [
        'openid',
        'email',
        'profile',
        'aws.cognito.signin.user.admin',
        'https://api.example.test/read',
      ],
      CallbackURLs: [CALLBACK, other],
      LogoutURLs: ['http://localhost:3000/signed-out'],
      SupportedIdentityProviders: ['COGNITO'],
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    const first = await codeOf();
    expect(
      (await redeem({ code: first.code, code_verifier: first.verifier, redirect_uri: other })).body,
    ).toEqual({
      error: 'invalid_grant',
    });
    const second = await codeOf();
    const wrong = await redeem({
      code: second.code,
      code_verifier: second.verifier,
      redirect_uri: `${CALLBACK}/`,
    });
    expect(wrong.body).toEqual({ error: 'unauthorized_client' });
  });

  it('a code of another client is invalid_grant', async () => {
    const { code, verifier } = await codeOf();
    const another = await webClient(cognito, poolId);
    const { body } = await redeem({ code, code_verifier: verifier, client_id: another.clientId });
    expect(body).toEqual({ error: 'invalid_grant' });
  });

  it('a client not allowed the code grant is unauthorized_client', async () => {
    const machine = await webClient(cognito, poolId, { AllowedOAuthFlows: ['implicit'] });
    const { body } = await redeem({ code: 'x', client_id: machine.clientId });
    expect(body).toEqual({ error: 'unauthorized_client' });
  });

  it('a confidential client must authenticate (invalid_client), and then redeems', async () => {
    const secretClient = await webClient(cognito, poolId, { GenerateSecret: true });
    const { verifier, challenge } = pkcePair();
    const back = await signInOnLoginPage(
      base,
      authorizeUrl(base, secretClient.clientId, { code_challenge: challenge, code_challenge_method: 'S256' }),
      email,
      PASSWORD,
    );
    const code = back.searchParams.get('code')!;
    const form = { code, code_verifier: verifier, client_id: secretClient.clientId };
    expect((await redeem(form)).body).toEqual({ error: 'invalid_client' });
    const ok = await redeem(form, {
      authorization: basic(secretClient.clientId, secretClient.clientSecret!),
    });
    expect(ok.status).toBe(200);
  });

  it('a missing code or redirect_uri is invalid_request', async () => {
    expect((await redeem({})).body).toEqual({ error: 'invalid_request' });
    expect((await redeem({ code: 'x', redirect_uri: '' })).body).toEqual({ error: 'invalid_request' });
  });
});
