import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emulatorWithSdk, PASSWORD, userWithPassword } from './helpers.js';
import {
  authorizeUrl,
  CALLBACK,
  claimsOf,
  oauthPool,
  postForm,
  signInOnLoginPage,
  webClient,
} from './oauth-fixture.js';

/** The refresh_token grant: code-flow sessions keep their scopes; API sessions need ALLOW_REFRESH_TOKEN_AUTH. */
describe('POST /oauth2/token: refresh_token', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;
  let poolId: string;
  let clientId: string;
  let base: string;
  const email = 'refresh-user@example.com';

  beforeAll(async () => {
    ({ emulator, cognito } = await emulatorWithSdk());
    base = emulator.endpoint;
    poolId = await oauthPool(cognito);
    ({ clientId } = await webClient(cognito, poolId, {
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }));
    await userWithPassword(cognito, poolId, email);
  });
  afterAll(() => emulator.stop());

  async function codeFlowTokens(id = clientId, scope = 'openid profile') {
    const back = await signInOnLoginPage(base, authorizeUrl(base, id, { scope }), email, PASSWORD);
    const { body } = await postForm(`${base}/oauth2/token`, {
      grant_type: 'authorization_code',
      client_id: id,
      code: back.searchParams.get('code')!,
      redirect_uri: CALLBACK,
    });
    return body as { refresh_token: string; access_token: string };
  }
  const refresh = (token: string, id = clientId) =>
    postForm(`${base}/oauth2/token`, { grant_type: 'refresh_token', client_id: id, refresh_token: token });

  it('refreshes a code-flow session: same scopes, same session, no new refresh token', async () => {
    const tokens = await codeFlowTokens();
    const { status, body } = await refresh(tokens.refresh_token);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'token_type']);
    const before = claimsOf(tokens.access_token);
    const after = claimsOf(body.access_token as string);
    expect(after.scope).toBe('openid profile');
    expect(after.origin_jti).toBe(before.origin_jti);
    expect(after.jti).not.toBe(before.jti);
  });

  it('refreshes an API sign-in where the client allows ALLOW_REFRESH_TOKEN_AUTH', async () => {
    const { AuthenticationResult } = await cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    });
    const { status, body } = await refresh(AuthenticationResult!.RefreshToken!);
    expect(status).toBe(200);
    expect(claimsOf(body.access_token as string).scope).toBe('aws.cognito.signin.user.admin');
    expect(body.id_token).toBeTruthy();
  });

  it('an API sign-in of a client without ALLOW_REFRESH_TOKEN_AUTH is unauthorized_client; its code flow refreshes', async () => {
    const strict = await webClient(cognito, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] });
    const { AuthenticationResult } = await cognito.initiateAuth({
      ClientId: strict.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    });
    expect((await refresh(AuthenticationResult!.RefreshToken!, strict.clientId)).body).toEqual({
      error: 'unauthorized_client',
    });
    const tokens = await codeFlowTokens(strict.clientId);
    expect((await refresh(tokens.refresh_token, strict.clientId)).status).toBe(200);
  });

  it('a revoked, unknown or other client’s refresh token is invalid_grant', async () => {
    const tokens = await codeFlowTokens();
    const other = await webClient(cognito, poolId);
    expect((await refresh(tokens.refresh_token, other.clientId)).body).toEqual({ error: 'invalid_grant' });
    expect((await refresh('not-a-refresh-token')).body).toEqual({ error: 'invalid_grant' });
    await cognito.revokeToken({ ClientId: clientId, Token: tokens.refresh_token });
    expect((await refresh(tokens.refresh_token)).body).toEqual({ error: 'invalid_grant' });
  });

  it('a disabled user’s refresh token is invalid_grant', async () => {
    const tokens = await codeFlowTokens();
    await cognito.adminDisableUser({ UserPoolId: poolId, Username: email });
    try {
      expect((await refresh(tokens.refresh_token)).body).toEqual({ error: 'invalid_grant' });
    } finally {
      await cognito.adminEnableUser({ UserPoolId: poolId, Username: email });
    }
  });

  it('a missing refresh_token is invalid_request', async () => {
    const { body } = await postForm(`${base}/oauth2/token`, {
      grant_type: 'refresh_token',
      client_id: clientId,
    });
    expect(body).toEqual({ error: 'invalid_request' });
  });
});

describe('POST /oauth2/token: refresh_token after a restart', () => {
  it('a code-flow session keeps its granted scopes in the data file, not only in memory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oauth-refresh-'));
    const dataFile = join(dir, 'state.db');
    const email = 'restart-user@example.com';
    const first = await emulatorWithSdk({ dataFile });
    let refreshToken: string;
    let clientId: string;
    try {
      const poolId = await oauthPool(first.cognito);
      // No ALLOW_REFRESH_TOKEN_AUTH: only a session begun at the authorization endpoint refreshes here.
      ({ clientId } = await webClient(first.cognito, poolId, {
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
      }));
      await userWithPassword(first.cognito, poolId, email);
      const base = first.emulator.endpoint;
      const back = await signInOnLoginPage(
        base,
        authorizeUrl(base, clientId, { scope: 'openid profile' }),
        email,
        PASSWORD,
      );
      const { body } = await postForm(`${base}/oauth2/token`, {
        grant_type: 'authorization_code',
        client_id: clientId,
        code: back.searchParams.get('code')!,
        redirect_uri: CALLBACK,
      });
      refreshToken = body.refresh_token as string;
    } finally {
      await first.emulator.stop();
    }
    const second = await emulatorWithSdk({ dataFile });
    try {
      const { status, body } = await postForm(`${second.emulator.endpoint}/oauth2/token`, {
        grant_type: 'refresh_token',
        client_id: clientId,
        refresh_token: refreshToken,
      });
      expect(status).toBe(200);
      expect(claimsOf(body.access_token as string).scope).toBe('openid profile');
      expect(body.id_token).toEqual(expect.any(String));
    } finally {
      await second.emulator.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
