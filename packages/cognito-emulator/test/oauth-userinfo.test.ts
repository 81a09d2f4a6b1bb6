import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emulatorWithSdk, PASSWORD, userWithPassword } from './helpers.js';
import {
  authorizeUrl,
  basic,
  CALLBACK,
  machineClient,
  oauthPool,
  postForm,
  signInOnLoginPage,
  webClient,
} from './oauth-fixture.js';

describe('GET/POST /oauth2/userInfo', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;
  let poolId: string;
  let clientId: string;
  let base: string;
  let username: string;
  const email = 'userinfo@example.com';

  beforeAll(async () => {
    ({ emulator, cognito } = await emulatorWithSdk());
    base = emulator.endpoint;
    poolId = await oauthPool(cognito);
    ({ clientId } = await webClient(cognito, poolId, {
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }));
    await userWithPassword(cognito, poolId, email);
    await cognito.adminUpdateUserAttributes({
      UserPoolId: poolId,
      Username: email,
      UserAttributes: [
        { Name: 'name', Value: 'Ada Lovelace' },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    username = (await cognito.adminGetUser({ UserPoolId: poolId, Username: email })).Username!;
  });
  afterAll(() => emulator.stop());

  async function tokensOf(scope: string) {
    const back = await signInOnLoginPage(base, authorizeUrl(base, clientId, { scope }), email, PASSWORD);
    const { body } = await postForm(`${base}/oauth2/token`, {
      grant_type: 'authorization_code',
      client_id: clientId,
      code: back.searchParams.get('code')!,
      redirect_uri: CALLBACK,
    });
    return body as { access_token: string; refresh_token: string };
  }
  const userInfo = (token: string | undefined, method = 'GET') =>
    fetch(`${base}/oauth2/userInfo`, {
      method,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });

  it('answers the attributes of the scopes: openid email', async () => {
    const { access_token } = await tokensOf('openid email');
    const response = await userInfo(access_token);
    expect(response.status).toBe(200);
    const sub = (await cognito.adminGetUser({ UserPoolId: poolId, Username: email })).UserAttributes!.find(
      (a) => a.Name === 'sub',
    )!.Value;
    expect(await response.json()).toEqual({ sub, email, email_verified: 'true', username });
  });

  it('profile releases the other attributes; POST answers too', async () => {
    const { access_token } = await tokensOf('openid profile');
    const body = (await (await userInfo(access_token, 'POST')).json()) as Record<string, string>;
    expect(body).toMatchObject({ name: 'Ada Lovelace', username });
  });

  it('openid alone: sub and username only', async () => {
    const { access_token } = await tokensOf('openid');
    expect(Object.keys((await (await userInfo(access_token)).json()) as object).sort()).toEqual([
      'sub',
      'username',
    ]);
  });

  it('no token: 400 invalid_request with AWS’s WWW-Authenticate', async () => {
    const response = await userInfo(undefined);
    expect(response.status).toBe(400);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_request", error_description="Bad OAuth2 request at UserInfo Endpoint"',
    );
  });

  it('a forged, revoked, scope-less or machine token: 401 invalid_token', async () => {
    const expectInvalid = async (token: string) => {
      const response = await userInfo(token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
      expect(await response.json()).toEqual({ error: 'invalid_token' });
    };
    await expectInvalid('not.a.token');
    const revoked = await tokensOf('openid');
    await cognito.revokeToken({ ClientId: clientId, Token: revoked.refresh_token });
    await expectInvalid(revoked.access_token);
    const { AuthenticationResult } = await cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    });
    await expectInvalid(AuthenticationResult!.AccessToken!);
    const machine = await machineClient(cognito, poolId);
    const { body } = await postForm(
      `${base}/oauth2/token`,
      { grant_type: 'client_credentials' },
      { authorization: basic(machine.clientId, machine.clientSecret) },
    );
    await expectInvalid(body.access_token as string);
  });
});
