import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSecretHash } from '../src/cognito/secret-hash.js';
import { forger } from './forge.js';
import { guardedApp } from './guarded-app.js';
import {
  bearer,
  type Cognito,
  PASSWORD,
  request,
  signedInTokens,
  startApp,
  startCognito,
} from './helpers.js';

let cognito: Cognito;
let tokens: { access: string; id: string };
let secretClientTokens: { access: string };
beforeAll(async () => {
  cognito = await startCognito();
  const signedIn = await signedInTokens(cognito, 'verify@example.com');
  tokens = { access: signedIn.accessToken, id: signedIn.idToken };
  const secret = cognito.options('secret');
  const other = await cognito.sdk.adminInitiateAuth({
    UserPoolId: cognito.poolId,
    ClientId: secret.clientId,
    AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
    AuthParameters: {
      USERNAME: 'verify@example.com',
      PASSWORD,
      SECRET_HASH: computeSecretHash(secret.clientSecret!, 'verify@example.com', secret.clientId),
    },
  });
  secretClientTokens = { access: other.AuthenticationResult!.AccessToken! };
});
afterAll(() => cognito.emulator.stop());

async function withApp(
  options: Parameters<typeof guardedApp>[0],
  run: (get: (token: string) => Promise<number>) => Promise<void>,
) {
  const server = await startApp('fastify', guardedApp(options));
  try {
    await run(async (token) => (await request('GET', `${server.url}/t/me`, undefined, bearer(token))).status);
  } finally {
    await server.close();
  }
}

describe('verification options', () => {
  it('tokenUse: id accepts ID tokens only; any accepts both', async () => {
    await withApp({ ...cognito.options('public'), verification: { tokenUse: 'id' } }, async (get) => {
      expect(await get(tokens.id)).toBe(200);
      expect(await get(tokens.access)).toBe(401);
    });
    await withApp({ ...cognito.options('public'), verification: { tokenUse: 'any' } }, async (get) => {
      expect(await get(tokens.id)).toBe(200);
      expect(await get(tokens.access)).toBe(200);
    });
  });

  it('clientIds: tokens of every listed client, and only those', async () => {
    await withApp(cognito.options('public'), async (get) => {
      expect(await get(secretClientTokens.access)).toBe(401);
    });
    await withApp(
      {
        ...cognito.options('public'),
        verification: { clientIds: [cognito.options('public').clientId, cognito.options('secret').clientId] },
      },
      async (get) => {
        expect(await get(secretClientTokens.access)).toBe(200);
        expect(await get(tokens.access)).toBe(200);
      },
    );
  });

  it('userPoolIds: tokens of a second pool are accepted when listed', async () => {
    const { UserPool } = await cognito.sdk.createUserPool({
      PoolName: 'second',
      UsernameAttributes: ['email'],
    });
    const { UserPoolClient } = await cognito.sdk.createUserPoolClient({
      UserPoolId: UserPool!.Id!,
      ClientName: 'second',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    await cognito.sdk.signUp({
      ClientId: UserPoolClient!.ClientId!,
      Username: 'second@example.com',
      Password: PASSWORD,
    });
    await cognito.sdk.adminConfirmSignUp({ UserPoolId: UserPool!.Id!, Username: 'second@example.com' });
    const { AuthenticationResult } = await cognito.sdk.initiateAuth({
      ClientId: UserPoolClient!.ClientId!,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'second@example.com', PASSWORD },
    });
    const secondToken = AuthenticationResult!.AccessToken!;
    await withApp(cognito.options('public'), async (get) => expect(await get(secondToken)).toBe(401));
    await withApp(
      {
        ...cognito.options('public'),
        verification: {
          userPoolIds: [cognito.poolId, UserPool!.Id!],
          clientIds: [cognito.options('public').clientId, UserPoolClient!.ClientId!],
        },
      },
      async (get) => {
        expect(await get(secondToken)).toBe(200);
        expect(await get(tokens.access)).toBe(200);
      },
    );
  });

  it('graceSeconds tolerates a token that expired moments ago, and no more', async () => {
    const f = forger(cognito.emulator, cognito.poolId);
    const claims = f.claimsOf(tokens.access);
    const now = Math.floor(Date.now() / 1000);
    const justExpired = f.signed({ ...claims, exp: now - 5 });
    const longExpired = f.signed({ ...claims, exp: now - 120 });
    await withApp(cognito.options('public'), async (get) => expect(await get(justExpired)).toBe(401));
    await withApp({ ...cognito.options('public'), verification: { graceSeconds: 30 } }, async (get) => {
      expect(await get(justExpired)).toBe(200);
      expect(await get(longExpired)).toBe(401);
    });
  });

  it('a cached token is refused once it expires (exp checked on every hit)', async () => {
    const f = forger(cognito.emulator, cognito.poolId);
    const shortLived = f.signed({ ...f.claimsOf(tokens.access), exp: Math.floor(Date.now() / 1000) + 2 });
    await withApp(cognito.options('public'), async (get) => {
      expect(await get(shortLived)).toBe(200);
      expect(await get(shortLived)).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      expect(await get(shortLived)).toBe(401);
    });
  });

  it('rejects bad verification options at boot', async () => {
    await expect(
      startApp(
        'fastify',
        guardedApp({ ...cognito.options('public'), verification: { graceSeconds: 9999, clientIds: [] } }),
      ),
    ).rejects.toThrow(
      /verification.clientIds must be a non-empty list of ids\n {2}- verification.graceSeconds must be a number from 0 to 300|verification.graceSeconds/,
    );
  });
});
