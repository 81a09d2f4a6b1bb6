import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emulatorWithSdk } from './helpers.js';
import { oauthPool } from './oauth-fixture.js';

describe('/<poolId>/.well-known/openid-configuration with a domain', () => {
  let emulator: RunningEmulator;
  let poolId: string;

  beforeAll(async () => {
    const started = await emulatorWithSdk();
    emulator = started.emulator;
    poolId = await oauthPool(started.cognito);
  });
  afterAll(() => emulator.stop());

  it('lists the OAuth 2.0 endpoints on the emulator, the issuer AWS’s', async () => {
    const document = (await (
      await fetch(`${emulator.endpoint}/${poolId}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    const base = emulator.endpoint;
    expect(document).toMatchObject({
      issuer: `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`,
      authorization_endpoint: `${base}/oauth2/authorize`,
      token_endpoint: `${base}/oauth2/token`,
      userinfo_endpoint: `${base}/oauth2/userInfo`,
      revocation_endpoint: `${base}/oauth2/revoke`,
      end_session_endpoint: `${base}/logout`,
      jwks_uri: `${base}/${poolId}/.well-known/jwks.json`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
    });
    for (const key of [
      'authorization_endpoint',
      'token_endpoint',
      'userinfo_endpoint',
      'revocation_endpoint',
    ]) {
      // Each answers (a GET without parameters is refused by each, but not as a path unknown: 404).
      const response = await fetch(document[key] as string, { redirect: 'manual' });
      expect([400, 405]).toContain(response.status);
    }
  });
});
