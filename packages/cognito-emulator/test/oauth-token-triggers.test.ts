import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { PASSWORD, userWithPassword } from './helpers.js';
import { arnOf } from './lambda-helpers.js';
import {
  authorizeUrl,
  basic,
  CALLBACK,
  claimsOf,
  machineClient,
  oauthPool,
  postForm,
  READ,
  signInOnLoginPage,
  webClient,
  WRITE,
} from './oauth-fixture.js';
import { TestFunctions, triggerEmulator } from './triggers-pool.js';

const functions = new TestFunctions(['pre-token-v2', 'pre-token-v3']);

/** Pre token generation for machine tokens: V3_0 only (TokenGeneration_ClientCredentials). */
describe('client_credentials and the pre token generation trigger', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;

  beforeAll(async () => {
    ({ emulator, cognito } = await triggerEmulator(functions));
  });
  afterAll(() => emulator.stop());
  beforeEach(() => functions.reset());

  async function machineToken(name: string, version: 'V2_0' | 'V3_0') {
    const poolId = await oauthPool(cognito, {
      LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: arnOf(name), LambdaVersion: version } },
    });
    const client = await machineClient(cognito, poolId);
    const { status, body } = await postForm(
      `${emulator.endpoint}/oauth2/token`,
      { grant_type: 'client_credentials', scope: `${READ} ${WRITE}` },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    expect(status).toBe(200);
    return { poolId, client, claims: claimsOf(body.access_token as string) };
  }

  it('V3_0 gets TokenGeneration_ClientCredentials and changes the claims and scopes', async () => {
    functions.answer('pre-token-v3', (event) => ({
      ...event,
      response: {
        claimsAndScopeOverrideDetails: {
          accessTokenGeneration: {
            claimsToAddOrOverride: { tenant: 'acme', sub: 'forged' },
            scopesToSuppress: [WRITE],
            scopesToAdd: ['extra/scope'],
          },
        },
      },
    }));
    const { client, claims } = await machineToken('pre-token-v3', 'V3_0');
    const [event] = functions.of('pre-token-v3');
    expect(event).toMatchObject({
      version: '3',
      triggerSource: 'TokenGeneration_ClientCredentials',
      callerContext: { clientId: client.clientId },
      request: { scopes: [READ, WRITE] },
    });
    expect(claims).toMatchObject({ tenant: 'acme', sub: client.clientId, scope: `${READ} extra/scope` });
  });

  it('V2_0 is not run for machine tokens, as on AWS', async () => {
    const { claims } = await machineToken('pre-token-v2', 'V2_0');
    expect(functions.of('pre-token-v2')).toEqual([]);
    expect(claims.scope).toBe(`${READ} ${WRITE}`);
  });

  it('a failing function fails the grant (invalid_grant), no token issued', async () => {
    functions.answer('pre-token-v3', () => {
      throw new Error('no tokens today');
    });
    const poolId = await oauthPool(cognito, {
      LambdaConfig: {
        PreTokenGenerationConfig: { LambdaArn: arnOf('pre-token-v3'), LambdaVersion: 'V3_0' },
      },
    });
    const client = await machineClient(cognito, poolId);
    const { status, body } = await postForm(
      `${emulator.endpoint}/oauth2/token`,
      { grant_type: 'client_credentials' },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_grant' });
  });

  it('the managed login’s tokens are TokenGeneration_HostedAuth, with the granted scopes', async () => {
    functions.answer('pre-token-v2', (event) => ({
      ...event,
      response: {
        claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { plan: 'gold' } } },
      },
    }));
    const poolId = await oauthPool(cognito, {
      LambdaConfig: {
        PreTokenGenerationConfig: { LambdaArn: arnOf('pre-token-v2'), LambdaVersion: 'V2_0' },
      },
    });
    const { clientId } = await webClient(cognito, poolId);
    await userWithPassword(cognito, poolId, 'hosted@example.com');
    const back = await signInOnLoginPage(
      emulator.endpoint,
      authorizeUrl(emulator.endpoint, clientId, { scope: 'openid email' }),
      'hosted@example.com',
      PASSWORD,
    );
    const { body } = await postForm(`${emulator.endpoint}/oauth2/token`, {
      grant_type: 'authorization_code',
      client_id: clientId,
      code: back.searchParams.get('code')!,
      redirect_uri: CALLBACK,
    });
    expect(functions.of('pre-token-v2')).toMatchObject([
      { triggerSource: 'TokenGeneration_HostedAuth', request: { scopes: ['openid', 'email'] } },
    ]);
    expect(claimsOf(body.access_token as string)).toMatchObject({ plan: 'gold', scope: 'openid email' });
  });
});
