import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emailPool, emulatorWithSdk, PASSWORD, rejection } from './helpers.js';

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
});
afterAll(() => emulator.stop());

describe('UpdateUserPool', () => {
  it('resets every updatable setting the request leaves out, and keeps what it cannot change', async () => {
    const { UserPool } = await cognito.createUserPool({
      PoolName: 'update-me',
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Schema: [{ Name: 'team', AttributeDataType: 'String' }],
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: false } },
      VerificationMessageTemplate: { EmailSubject: 'Welcome', EmailMessage: 'Code: {####}' },
      UsernameConfiguration: { CaseSensitive: false },
    });
    const poolId = UserPool!.Id!;
    await cognito.updateUserPool({ UserPoolId: poolId, MfaConfiguration: 'OFF' });
    const { UserPool: after } = await cognito.describeUserPool({ UserPoolId: poolId });
    // Reset to AWS's defaults.
    expect(after!.Policies!.PasswordPolicy).toMatchObject({ MinimumLength: 8, RequireSymbols: true });
    expect(after!.VerificationMessageTemplate!.EmailSubject).toBeUndefined();
    expect(after!.AutoVerifiedAttributes).toBeUndefined();
    // Not changeable by UpdateUserPool.
    expect(after!.Name).toBe('update-me');
    expect(after!.UsernameAttributes).toEqual(['email']);
    expect(after!.UsernameConfiguration).toEqual({ CaseSensitive: false });
    expect(after!.SchemaAttributes!.map((a) => a.Name)).toContain('custom:team');
    expect(after!.LastModifiedDate!.getTime()).toBeGreaterThanOrEqual(after!.CreationDate!.getTime());
  });

  it('applies what it is given: a new password policy holds at the next sign-up', async () => {
    const { poolId, clientId } = await emailPool(cognito);
    await cognito.updateUserPool({
      UserPoolId: poolId,
      AutoVerifiedAttributes: ['email'],
      Policies: { PasswordPolicy: { MinimumLength: 16 } },
    });
    const error = await rejection(
      cognito.signUp({ ClientId: clientId, Username: 'short@example.com', Password: PASSWORD }),
    );
    expect(error).toMatchObject({ name: 'InvalidPasswordException' });
    expect(error.message).toContain('Password not long enough');
  });

  it('rejects verification-before-update of an attribute that is not auto-verified', async () => {
    const { poolId } = await emailPool(cognito);
    const error = await rejection(
      cognito.updateUserPool({
        UserPoolId: poolId,
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      }),
    );
    expect(error.name).toBe('InvalidParameterException');
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    expect(await rejection(cognito.updateUserPool({ UserPoolId: 'us-east-1_nothere00' }))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_nothere00 does not exist.',
    });
  });
});

describe('DeleteUserPool', () => {
  it('deletes the pool with its clients and users', async () => {
    const { poolId, clientId } = await emailPool(cognito);
    await cognito.signUp({ ClientId: clientId, Username: 'gone@example.com', Password: PASSWORD });
    await cognito.deleteUserPool({ UserPoolId: poolId });
    expect(await rejection(cognito.describeUserPool({ UserPoolId: poolId }))).toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect(
      await rejection(cognito.signUp({ ClientId: clientId, Username: 'x@example.com', Password: PASSWORD })),
    ).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses while deletion protection is active', async () => {
    const { UserPool } = await cognito.createUserPool({ PoolName: 'kept', DeletionProtection: 'ACTIVE' });
    expect(await rejection(cognito.deleteUserPool({ UserPoolId: UserPool!.Id! }))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'The user pool cannot be deleted because deletion protection is activated.',
    });
    await cognito.updateUserPool({ UserPoolId: UserPool!.Id!, DeletionProtection: 'INACTIVE' });
    await cognito.deleteUserPool({ UserPoolId: UserPool!.Id! });
  });
});

describe('ListUserPools', () => {
  it('pages through every pool exactly once', async () => {
    const { emulator: own, cognito: sdk } = await emulatorWithSdk();
    try {
      const created = new Set<string>();
      for (let i = 0; i < 7; i++)
        created.add((await sdk.createUserPool({ PoolName: `p${i}` })).UserPool!.Id!);
      const seen: string[] = [];
      let NextToken: string | undefined;
      let pages = 0;
      do {
        const page = await sdk.listUserPools({ MaxResults: 3, ...(NextToken ? { NextToken } : {}) });
        expect(page.UserPools!.length).toBeLessThanOrEqual(3);
        for (const pool of page.UserPools!) {
          expect(pool).toMatchObject({ Name: expect.stringMatching(/^p\d$/), LambdaConfig: {} });
          seen.push(pool.Id!);
        }
        NextToken = page.NextToken;
        pages++;
      } while (NextToken);
      expect(pages).toBe(3);
      expect(new Set(seen)).toEqual(created);
      expect(seen).toHaveLength(7);
    } finally {
      await own.stop();
    }
  });

  it('requires MaxResults within 1..60 and rejects a forged token', async () => {
    expect((await rejection(cognito.listUserPools({ MaxResults: 61 }))).message).toBe(
      "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
    expect(
      await rejection(cognito.listUserPools({ MaxResults: 60, NextToken: 'not-a-token' })),
    ).toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('app clients', () => {
  it('describes a client with its secret, settings and dates', async () => {
    const { poolId, clientId, clientSecret } = await emailPool(cognito, { secret: true });
    const { UserPoolClient } = await cognito.describeUserPoolClient({
      UserPoolId: poolId,
      ClientId: clientId,
    });
    expect(UserPoolClient).toMatchObject({
      UserPoolId: poolId,
      ClientId: clientId,
      ClientName: 'test-client',
      ClientSecret: clientSecret,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      RefreshTokenValidity: 30,
    });
    expect(UserPoolClient!.CreationDate).toBeInstanceOf(Date);
  });

  it('a client of another pool is not found', async () => {
    const a = await emailPool(cognito);
    const b = await emailPool(cognito);
    expect(
      await rejection(cognito.describeUserPoolClient({ UserPoolId: b.poolId, ClientId: a.clientId })),
    ).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('UpdateUserPoolClient resets the auth flows it is not given, keeps name and secret', async () => {
    const { poolId, clientId, clientSecret } = await emailPool(cognito, { secret: true });
    const { UserPoolClient } = await cognito.updateUserPoolClient({
      UserPoolId: poolId,
      ClientId: clientId,
      AccessTokenValidity: 10,
      TokenValidityUnits: { AccessToken: 'minutes' },
    });
    expect(UserPoolClient).toMatchObject({
      ClientName: 'test-client',
      ClientSecret: clientSecret,
      AccessTokenValidity: 10,
    });
    expect(UserPoolClient!.ExplicitAuthFlows).toBeUndefined();
    // USER_PASSWORD_AUTH is no longer allowed: the default flows do not include it.
    expect(
      await rejection(
        cognito.initiateAuth({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'a@example.com', PASSWORD },
        }),
      ),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    });
  });

  it('UpdateUserPoolClient checks the token validity ranges', async () => {
    const { poolId, clientId } = await emailPool(cognito);
    expect(
      await rejection(
        cognito.updateUserPoolClient({
          UserPoolId: poolId,
          ClientId: clientId,
          AccessTokenValidity: 2,
          TokenValidityUnits: { AccessToken: 'days' },
        }),
      ),
    ).toMatchObject({ name: 'InvalidParameterException' });
  });

  it('ListUserPoolClients pages; DeleteUserPoolClient removes one and its refresh tokens', async () => {
    const { poolId, clientId } = await emailPool(cognito);
    for (let i = 0; i < 4; i++)
      await cognito.createUserPoolClient({ UserPoolId: poolId, ClientName: `c${i}` });
    const first = await cognito.listUserPoolClients({ UserPoolId: poolId, MaxResults: 3 });
    expect(first.UserPoolClients).toHaveLength(3);
    expect(first.NextToken).toBeTruthy();
    const second = await cognito.listUserPoolClients({
      UserPoolId: poolId,
      MaxResults: 3,
      NextToken: first.NextToken!,
    });
    expect(second.UserPoolClients).toHaveLength(2);
    expect(second.NextToken).toBeUndefined();
    const names = [...first.UserPoolClients!, ...second.UserPoolClients!].map((c) => c.ClientName).sort();
    expect(names).toEqual(['c0', 'c1', 'c2', 'c3', 'test-client']);

    await cognito.deleteUserPoolClient({ UserPoolId: poolId, ClientId: clientId });
    expect(
      await rejection(cognito.describeUserPoolClient({ UserPoolId: poolId, ClientId: clientId })),
    ).toMatchObject({ name: 'ResourceNotFoundException' });
    const all = await cognito.listUserPoolClients({ UserPoolId: poolId });
    expect(all.UserPoolClients).toHaveLength(4);
  });
});
