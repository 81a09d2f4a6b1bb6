import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { clientSecretMatches } from '../src/services/oauth-config.js';
import { secretHash } from '../src/services/secret-hash.js';
import { contextOf } from '../src/start.js';
import { emailPool, emulatorWithSdk, race, rejection, userWithPassword, PASSWORD } from './helpers.js';

/** Client secret rotation: AddUserPoolClientSecret, ListUserPoolClientSecrets, DeleteUserPoolClientSecret. */
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
});
afterAll(() => emulator.stop());

const EMAIL = 'rotor@example.com';

/** A pool, a confidential client, and a user who signs in with a password. */
async function confidential() {
  const pool = await emailPool(cognito, { secret: true });
  await userWithPassword(cognito, pool.poolId, EMAIL);
  return { ...pool, clientSecret: pool.clientSecret! };
}

const signIn = (clientId: string, secret: string) =>
  cognito.initiateAuth({
    ClientId: clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: EMAIL, PASSWORD, SECRET_HASH: secretHash(secret, EMAIL, clientId) },
  });

const secretsOf = async (poolId: string, clientId: string) =>
  (await cognito.listUserPoolClientSecrets({ UserPoolId: poolId, ClientId: clientId })).ClientSecrets!;

describe('ListUserPoolClientSecrets', () => {
  it("lists a new client's secret by id and date, never its value", async () => {
    const { poolId, clientId } = await confidential();
    const secrets = await secretsOf(poolId, clientId);
    expect(secrets).toHaveLength(1);
    expect(secrets[0]!.ClientSecretId).toMatch(new RegExp(`^${clientId}--\\d+$`));
    expect(secrets[0]!.ClientSecretCreateDate).toBeInstanceOf(Date);
    expect(secrets[0]!.ClientSecretValue).toBeUndefined();
  });

  it('lists nothing for a public client, and AddUserPoolClientSecret refuses it', async () => {
    const { poolId, clientId } = await emailPool(cognito);
    expect(await secretsOf(poolId, clientId)).toEqual([]);
    expect(
      await rejection(cognito.addUserPoolClientSecret({ UserPoolId: poolId, ClientId: clientId })),
    ).toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('answers ResourceNotFoundException for an unknown client', async () => {
    const { poolId } = await emailPool(cognito);
    expect(
      await rejection(
        cognito.listUserPoolClientSecrets({ UserPoolId: poolId, ClientId: 'nosuchclient0000000000000a' }),
      ),
    ).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('a rotation', () => {
  it('adds a second secret; both sign in; deleting the old one stops it at once', async () => {
    const { poolId, clientId, clientSecret } = await confidential();
    const { ClientSecretDescriptor } = await cognito.addUserPoolClientSecret({
      UserPoolId: poolId,
      ClientId: clientId,
    });
    const fresh = ClientSecretDescriptor!.ClientSecretValue!;
    expect(fresh).toMatch(/^[\w+]{24,64}$/);
    expect(fresh).not.toBe(clientSecret);
    expect(ClientSecretDescriptor!.ClientSecretId).toMatch(new RegExp(`^${clientId}--\\d+$`));

    const ctx = contextOf(emulator);
    const client = ctx.pools.getClient(clientId);
    expect(clientSecretMatches(ctx, client, clientSecret)).toBe(true);
    expect(clientSecretMatches(ctx, client, fresh)).toBe(true);
    expect(clientSecretMatches(ctx, client, `${fresh}x`)).toBe(false);

    await signIn(clientId, clientSecret);
    await signIn(clientId, fresh);
    // DescribeUserPoolClient keeps showing the first secret while it is current.
    const described = await cognito.describeUserPoolClient({ UserPoolId: poolId, ClientId: clientId });
    expect(described.UserPoolClient!.ClientSecret).toBe(clientSecret);

    const [old, added] = await secretsOf(poolId, clientId);
    expect(added!.ClientSecretId).toBe(ClientSecretDescriptor!.ClientSecretId);
    await cognito.deleteUserPoolClientSecret({
      UserPoolId: poolId,
      ClientId: clientId,
      ClientSecretId: old!.ClientSecretId!,
    });

    expect(await rejection(signIn(clientId, clientSecret))).toEqual(
      expect.objectContaining({
        name: 'NotAuthorizedException',
        message: `Unable to verify secret hash for client ${clientId}`,
      }),
    );
    await signIn(clientId, fresh);
    expect(clientSecretMatches(ctx, ctx.pools.getClient(clientId), clientSecret)).toBe(false);
    const after = await cognito.describeUserPoolClient({ UserPoolId: poolId, ClientId: clientId });
    expect(after.UserPoolClient!.ClientSecret).toBe(fresh);
    expect((await secretsOf(poolId, clientId)).map((s) => s.ClientSecretId)).toEqual([added!.ClientSecretId]);
  });

  it('GetTokensFromRefreshToken and RevokeToken take either current secret, and not a deleted one', async () => {
    const { poolId, clientId, clientSecret } = await confidential();
    const { ClientSecretDescriptor } = await cognito.addUserPoolClientSecret({
      UserPoolId: poolId,
      ClientId: clientId,
    });
    const fresh = ClientSecretDescriptor!.ClientSecretValue!;
    const refreshToken = (await signIn(clientId, clientSecret)).AuthenticationResult!.RefreshToken!;
    const refresh = (secret: string) =>
      cognito.getTokensFromRefreshToken({
        ClientId: clientId,
        ClientSecret: secret,
        RefreshToken: refreshToken,
      });
    await refresh(clientSecret);
    await refresh(fresh);
    const [old] = await secretsOf(poolId, clientId);
    await cognito.deleteUserPoolClientSecret({
      UserPoolId: poolId,
      ClientId: clientId,
      ClientSecretId: old!.ClientSecretId!,
    });
    expect(await rejection(refresh(clientSecret))).toEqual(
      expect.objectContaining({
        name: 'NotAuthorizedException',
        message: `Unable to verify client secret for client ${clientId}`,
      }),
    );
    expect(
      await rejection(
        cognito.revokeToken({ ClientId: clientId, ClientSecret: clientSecret, Token: refreshToken }),
      ),
    ).toEqual(expect.objectContaining({ name: 'UnauthorizedException' }));
    await cognito.revokeToken({ ClientId: clientId, ClientSecret: fresh, Token: refreshToken });
    expect(await rejection(refresh(fresh))).toEqual(
      expect.objectContaining({ name: 'NotAuthorizedException' }),
    );
  });

  it('takes a secret of the caller, without echoing it', async () => {
    const { poolId, clientId } = await confidential();
    const mine = 'my_own_secret_value_of_32_chars_';
    const { ClientSecretDescriptor } = await cognito.addUserPoolClientSecret({
      UserPoolId: poolId,
      ClientId: clientId,
      ClientSecret: mine,
    });
    expect(ClientSecretDescriptor!.ClientSecretValue).toBeUndefined();
    await signIn(clientId, mine);
    for (const bad of ['short_secret', 'has spaces in it and is long enough', 'x'.repeat(65)]) {
      const error = await rejection(
        cognito.addUserPoolClientSecret({ UserPoolId: poolId, ClientId: clientId, ClientSecret: bad }),
      );
      expect(error.name).toBe('InvalidParameterException');
      expect(error.message).not.toContain(bad);
    }
  });

  it('holds at most two secrets, and never deletes the last one', async () => {
    const { poolId, clientId } = await confidential();
    await cognito.addUserPoolClientSecret({ UserPoolId: poolId, ClientId: clientId });
    expect(
      await rejection(cognito.addUserPoolClientSecret({ UserPoolId: poolId, ClientId: clientId })),
    ).toMatchObject({
      name: 'LimitExceededException',
    });
    const [first, second] = await secretsOf(poolId, clientId);
    await cognito.deleteUserPoolClientSecret({
      UserPoolId: poolId,
      ClientId: clientId,
      ClientSecretId: first!.ClientSecretId!,
    });
    expect(
      await rejection(
        cognito.deleteUserPoolClientSecret({
          UserPoolId: poolId,
          ClientId: clientId,
          ClientSecretId: second!.ClientSecretId!,
        }),
      ),
    ).toMatchObject({ name: 'InvalidParameterException' });
    expect(
      await rejection(
        cognito.deleteUserPoolClientSecret({
          UserPoolId: poolId,
          ClientId: clientId,
          ClientSecretId: first!.ClientSecretId!,
        }),
      ),
    ).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await secretsOf(poolId, clientId)).toHaveLength(1);
  });
});

describe('concurrent rotations', () => {
  const N = 10;

  it(`${N} parallel adds to a client with one secret: one is added, the rest LimitExceededException`, async () => {
    const { poolId, clientId } = await confidential();
    const { won, lost } = await race(N, () =>
      cognito.addUserPoolClientSecret({ UserPoolId: poolId, ClientId: clientId }),
    );
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.name)).toEqual(Array(N - 1).fill('LimitExceededException'));
    const secrets = await secretsOf(poolId, clientId);
    expect(secrets).toHaveLength(2);
    expect(new Set(secrets.map((s) => s.ClientSecretId)).size).toBe(2);
  });

  it('parallel deletions of both secrets: one is deleted, one stays', async () => {
    const { poolId, clientId } = await confidential();
    await cognito.addUserPoolClientSecret({ UserPoolId: poolId, ClientId: clientId });
    const ids = (await secretsOf(poolId, clientId)).map((s) => s.ClientSecretId!);
    const { won, lost } = await race(N, (i) =>
      cognito.deleteUserPoolClientSecret({
        UserPoolId: poolId,
        ClientId: clientId,
        ClientSecretId: ids[i % 2]!,
      }),
    );
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(N - 1);
    const left = await secretsOf(poolId, clientId);
    expect(left).toHaveLength(1);
    await signIn(clientId, contextOf(emulator).pools.getClient(clientId).secret!);
  });
});

describe('CreateUserPoolClient with a secret of the caller', () => {
  it('keeps it as the client secret; GenerateSecret beside it is refused', async () => {
    const { poolId } = await emailPool(cognito);
    const mine = 'chosen_secret_0123456789abcdef';
    const { UserPoolClient } = await cognito.createUserPoolClient({
      UserPoolId: poolId,
      ClientName: 'custom',
      ClientSecret: mine,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
    });
    expect(UserPoolClient!.ClientSecret).toBe(mine);
    expect(await secretsOf(poolId, UserPoolClient!.ClientId!)).toHaveLength(1);
    expect(
      await rejection(
        cognito.createUserPoolClient({
          UserPoolId: poolId,
          ClientName: 'both',
          ClientSecret: mine,
          GenerateSecret: true,
        }),
      ),
    ).toMatchObject({ name: 'InvalidParameterException' });
  });
});
