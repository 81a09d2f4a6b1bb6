import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { PASSWORD, rejection, userWithPassword } from './helpers.js';
import { arnOf } from './lambda-helpers.js';
import { poolWithTriggers, TestFunctions, triggerEmulator } from './triggers-pool.js';

const functions = new TestFunctions(['pre-token-v1', 'pre-token-v2', 'pre-token-v3']);

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

/** An answer setting the event's response to `response`. */
const respond = (response: unknown) => (event: unknown) => ({ ...(event as object), response });

const ADMINS_ROLE = 'arn:aws:iam::123456789012:role/admins';

describe('pre token generation trigger', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;

  beforeAll(async () => {
    ({ emulator, cognito } = await triggerEmulator(functions));
  });
  afterAll(() => emulator.stop());
  beforeEach(() => functions.reset());

  /** A pool whose pre token generation function is of a version; a user in a group with a role. */
  async function poolOf(version: 'V1_0' | 'V2_0' | 'V3_0', email: string) {
    const name = { V1_0: 'pre-token-v1', V2_0: 'pre-token-v2', V3_0: 'pre-token-v3' }[version];
    const pool = await poolWithTriggers(
      cognito,
      {},
      { LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: arnOf(name), LambdaVersion: version } } },
    );
    await userWithPassword(cognito, pool.poolId, email);
    await cognito.createGroup({
      UserPoolId: pool.poolId,
      GroupName: 'admins',
      RoleArn: ADMINS_ROLE,
      Precedence: 1,
    });
    await cognito.adminAddUserToGroup({ UserPoolId: pool.poolId, Username: email, GroupName: 'admins' });
    const { Username } = await cognito.adminGetUser({ UserPoolId: pool.poolId, Username: email });
    return { ...pool, name, username: Username! };
  }
  const signIn = (clientId: string, email: string) =>
    cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    });

  describe('V1_0', () => {
    it('TokenGeneration_Authentication: the event, with the user and its group configuration', async () => {
      const pool = await poolOf('V1_0', 'v1-event@example.com');
      await signIn(pool.clientId, 'v1-event@example.com');
      expect(functions.of(pool.name)).toEqual([
        {
          version: '1',
          triggerSource: 'TokenGeneration_Authentication',
          region: 'us-east-1',
          userPoolId: pool.poolId,
          userName: pool.username,
          callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: pool.clientId },
          request: {
            userAttributes: {
              sub: pool.username,
              email: 'v1-event@example.com',
              'cognito:user_status': 'CONFIRMED',
            },
            groupConfiguration: {
              groupsToOverride: ['admins'],
              iamRolesToOverride: [ADMINS_ROLE],
              preferredRole: ADMINS_ROLE,
            },
          },
          response: { claimsOverrideDetails: {} },
        },
      ]);
    });

    it('adds, overrides and suppresses ID token claims, never the fixed ones; groups in both tokens', async () => {
      const pool = await poolOf('V1_0', 'v1-claims@example.com');
      functions.answer(
        pool.name,
        respond({
          claimsOverrideDetails: {
            claimsToAddOrOverride: {
              tenant: 'acme',
              email: 'shown@example.com',
              level: 3,
              sub: 'someone-else',
              exp: '9999999999',
              'cognito:groups': 'root',
              gone: 'set and suppressed',
            },
            claimsToSuppress: ['email_verified', 'iss', 'gone'],
            groupOverrideDetails: {
              groupsToOverride: ['editors'],
              iamRolesToOverride: ['arn:aws:iam::123456789012:role/editors'],
              preferredRole: 'arn:aws:iam::123456789012:role/editors',
            },
          },
        }),
      );
      const { AuthenticationResult } = await signIn(pool.clientId, 'v1-claims@example.com');
      const id = claimsOf(AuthenticationResult!.IdToken!);
      const access = claimsOf(AuthenticationResult!.AccessToken!);
      expect(id).toMatchObject({
        tenant: 'acme',
        email: 'shown@example.com',
        level: '3',
        sub: pool.username,
        iss: `https://cognito-idp.us-east-1.amazonaws.com/${pool.poolId}`,
        'cognito:groups': ['editors'],
        'cognito:roles': ['arn:aws:iam::123456789012:role/editors'],
        'cognito:preferred_role': 'arn:aws:iam::123456789012:role/editors',
      });
      expect(id.exp).toBe((id.iat as number) + 3600);
      expect(id).not.toHaveProperty('email_verified');
      expect(id).not.toHaveProperty('gone');
      // V1 changes the access token's groups only.
      expect(access['cognito:groups']).toEqual(['editors']);
      expect(access).not.toHaveProperty('tenant');
      // The tokens are signed as issued: Cognito's own APIs take the access token.
      const { Username } = await cognito.getUser({ AccessToken: AuthenticationResult!.AccessToken! });
      expect(Username).toBe(pool.username);
    });

    it('an empty group override suppresses the groups; an unchanged answer changes nothing', async () => {
      const pool = await poolOf('V1_0', 'v1-groups@example.com');
      const before = claimsOf(
        (await signIn(pool.clientId, 'v1-groups@example.com')).AuthenticationResult!.IdToken!,
      );
      expect(before['cognito:groups']).toEqual(['admins']);
      functions.answer(pool.name, respond({ claimsOverrideDetails: { groupOverrideDetails: null } }));
      const { AuthenticationResult } = await signIn(pool.clientId, 'v1-groups@example.com');
      expect(claimsOf(AuthenticationResult!.IdToken!)).not.toHaveProperty('cognito:groups');
      expect(claimsOf(AuthenticationResult!.AccessToken!)).not.toHaveProperty('cognito:groups');
    });

    it('TokenGeneration_RefreshTokens on refresh: the refreshed tokens are customized too', async () => {
      const pool = await poolOf('V1_0', 'v1-refresh@example.com');
      const { AuthenticationResult } = await signIn(pool.clientId, 'v1-refresh@example.com');
      functions.reset();
      functions.answer(
        pool.name,
        respond({ claimsOverrideDetails: { claimsToAddOrOverride: { fresh: 'yes' } } }),
      );
      const refreshed = await cognito.initiateAuth({
        ClientId: pool.clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! },
      });
      expect(functions.of(pool.name).map((e) => e.triggerSource)).toEqual(['TokenGeneration_RefreshTokens']);
      expect(claimsOf(refreshed.AuthenticationResult!.IdToken!).fresh).toBe('yes');
    });

    it('a claim value V1 cannot carry is InvalidLambdaResponseException: no tokens', async () => {
      const pool = await poolOf('V1_0', 'v1-object@example.com');
      functions.answer(
        pool.name,
        respond({ claimsOverrideDetails: { claimsToAddOrOverride: { profile: { nested: true } } } }),
      );
      expect(await rejection(signIn(pool.clientId, 'v1-object@example.com'))).toMatchObject({
        name: 'InvalidLambdaResponseException',
        message: 'Unrecognizable lambda output',
      });
    });

    it('a failure is UserLambdaValidationException: no tokens', async () => {
      const pool = await poolOf('V1_0', 'v1-fails@example.com');
      functions.answer(pool.name, () => {
        throw new Error('Entitlements unavailable');
      });
      expect(await rejection(signIn(pool.clientId, 'v1-fails@example.com'))).toMatchObject({
        name: 'UserLambdaValidationException',
        message: 'PreTokenGeneration failed with error Entitlements unavailable.',
      });
    });
  });

  describe('V2_0 and V3_0', () => {
    it('V2_0: the event has version 2 and the scopes; both tokens change, the scopes too', async () => {
      const pool = await poolOf('V2_0', 'v2@example.com');
      functions.answer(
        pool.name,
        respond({
          claimsAndScopeOverrideDetails: {
            idTokenGeneration: {
              claimsToAddOrOverride: { plan: { tier: 'gold', seats: 5 }, tags: ['a', 'b'], beta: true },
              claimsToSuppress: ['email'],
            },
            accessTokenGeneration: {
              claimsToAddOrOverride: { tenant: 'acme', client_id: 'other', username: 'other', aud: 'x' },
              claimsToSuppress: ['auth_time', 'jti'],
              scopesToAdd: ['api/read', 'api/write'],
              scopesToSuppress: ['aws.cognito.signin.user.admin', 'api/write'],
            },
          },
        }),
      );
      const { AuthenticationResult } = await signIn(pool.clientId, 'v2@example.com');
      const [event] = functions.of(pool.name);
      expect(event).toMatchObject({
        version: '2',
        triggerSource: 'TokenGeneration_Authentication',
        request: {
          groupConfiguration: { groupsToOverride: ['admins'] },
          scopes: ['aws.cognito.signin.user.admin'],
        },
        response: { claimsAndScopeOverrideDetails: null },
      });
      const id = claimsOf(AuthenticationResult!.IdToken!);
      const access = claimsOf(AuthenticationResult!.AccessToken!);
      expect(id).toMatchObject({ plan: { tier: 'gold', seats: 5 }, tags: ['a', 'b'], beta: true });
      expect(id).not.toHaveProperty('email');
      expect(access).toMatchObject({
        tenant: 'acme',
        client_id: pool.clientId,
        username: pool.username,
        scope: 'api/read api/write',
        'cognito:groups': ['admins'],
      });
      expect(access).not.toHaveProperty('aud');
      expect(typeof access.auth_time).toBe('number');
      expect(typeof access.jti).toBe('string');
    });

    it('V2_0: a null claim value is InvalidLambdaResponseException', async () => {
      const pool = await poolOf('V2_0', 'v2-null@example.com');
      functions.answer(
        pool.name,
        respond({
          claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { x: null } } },
        }),
      );
      expect((await rejection(signIn(pool.clientId, 'v2-null@example.com'))).name).toBe(
        'InvalidLambdaResponseException',
      );
    });

    it('V3_0: the event has version 3; groups overridden in both tokens', async () => {
      const pool = await poolOf('V3_0', 'v3@example.com');
      functions.answer(
        pool.name,
        respond({
          claimsAndScopeOverrideDetails: { groupOverrideDetails: { groupsToOverride: ['readers'] } },
        }),
      );
      const { AuthenticationResult } = await signIn(pool.clientId, 'v3@example.com');
      expect(functions.of(pool.name).map((e) => e.version)).toEqual(['3']);
      expect(claimsOf(AuthenticationResult!.AccessToken!)['cognito:groups']).toEqual(['readers']);
      expect(claimsOf(AuthenticationResult!.IdToken!)['cognito:groups']).toEqual(['readers']);
    });
  });
});
