import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emulatorWithSdk, PASSWORD, userWithPassword } from './helpers.js';
import {
  authorizeUrl,
  basic,
  CALLBACK,
  oauthPool,
  postForm,
  signInOnLoginPage,
  webClient,
} from './oauth-fixture.js';

describe('POST /oauth2/revoke', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;
  let poolId: string;
  let client: { clientId: string; clientSecret: string | undefined };
  let base: string;
  const email = 'revoke@example.com';

  beforeAll(async () => {
    ({ emulator, cognito } = await emulatorWithSdk());
    base = emulator.endpoint;
    poolId = await oauthPool(cognito);
    client = await webClient(cognito, poolId, { GenerateSecret: true });
    await userWithPassword(cognito, poolId, email);
  });
  afterAll(() => emulator.stop());

  const auth = () => ({ authorization: basic(client.clientId, client.clientSecret!) });
  async function tokens() {
    const back = await signInOnLoginPage(
      base,
      authorizeUrl(base, client.clientId, { scope: 'openid' }),
      email,
      PASSWORD,
    );
    const { body } = await postForm(
      `${base}/oauth2/token`,
      { grant_type: 'authorization_code', code: back.searchParams.get('code')!, redirect_uri: CALLBACK },
      auth(),
    );
    return body as { access_token: string; refresh_token: string };
  }
  const revoke = (form: Record<string, string>, headers: Record<string, string> = auth()) =>
    postForm(`${base}/oauth2/revoke`, form, headers);

  it('revokes a refresh token and the access tokens issued from it', async () => {
    const issued = await tokens();
    const { status } = await revoke({ token: issued.refresh_token });
    expect(status).toBe(200);
    const refreshed = await postForm(
      `${base}/oauth2/token`,
      { grant_type: 'refresh_token', refresh_token: issued.refresh_token },
      auth(),
    );
    expect(refreshed.body).toEqual({ error: 'invalid_grant' });
    const info = await fetch(`${base}/oauth2/userInfo`, {
      headers: { authorization: `Bearer ${issued.access_token}` },
    });
    expect(info.status).toBe(401);
    await expect(cognito.getUser({ AccessToken: issued.access_token })).rejects.toThrow(
      'Access Token has been revoked',
    );
  });

  it('answers 200 for an unknown token', async () => {
    expect((await revoke({ token: 'unknown-refresh-token' })).status).toBe(200);
  });

  it('answers unsupported_token_type for an access token', async () => {
    const issued = await tokens();
    expect(await revoke({ token: issued.access_token })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_token_type' },
    });
  });

  it('answers 401 invalid_client for a wrong secret', async () => {
    const issued = await tokens();
    const { status, body } = await revoke(
      { token: issued.refresh_token },
      { authorization: basic(client.clientId, 'wrong') },
    );
    expect(status).toBe(401);
    expect(body).toEqual({ error: 'invalid_client' });
  });

  it('answers invalid_request without a token, or when the client has revocation off', async () => {
    expect((await revoke({})).body).toEqual({ error: 'invalid_request' });
    const off = await webClient(cognito, poolId, { EnableTokenRevocation: false });
    const { status, body } = await postForm(`${base}/oauth2/revoke`, { token: 'x', client_id: off.clientId });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_request' });
  });

  it('answers unauthorized_client for another client’s token, which stays good', async () => {
    const issued = await tokens();
    const other = await webClient(cognito, poolId);
    const { body } = await postForm(`${base}/oauth2/revoke`, {
      token: issued.refresh_token,
      client_id: other.clientId,
    });
    expect(body).toEqual({ error: 'unauthorized_client' });
    const refreshed = await postForm(
      `${base}/oauth2/token`,
      { grant_type: 'refresh_token', refresh_token: issued.refresh_token },
      auth(),
    );
    expect(refreshed.status).toBe(200);
  });
});
