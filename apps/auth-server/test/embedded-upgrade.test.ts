import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { type Seed, startEmulator } from 'cognito-emulator';
import { afterAll, describe, expect, it } from 'vitest';
import { EMBEDDED_SEED, startEmbeddedCognito } from '../src/embedded-cognito.js';

const dir = mkdtempSync(join(tmpdir(), 'auth-server-upgrade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The embedded seed as versions before SRP wrote it: the client allowed the password flow and
 * refresh, the pool only passwords (no sign-in policy); settings of the operator's own kept aside.
 */
const OLD_SEED: Seed = {
  pools: EMBEDDED_SEED.pools.map((pool) => ({
    ...pool,
    settings: {
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      Policies: { PasswordPolicy: { MinimumLength: 12 } },
      VerificationMessageTemplate: { EmailSubject: 'Your code for Acme' },
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    },
    clients: pool.clients?.map((client) => ({
      ...client,
      settings: {
        ...client.settings,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AccessTokenValidity: 30,
        TokenValidityUnits: { AccessToken: 'minutes' },
      },
    })),
  })),
};

describe('the embedded emulator on a data file of an earlier version', () => {
  it('adds the SRP flow to the client and keeps its secret and other settings', async () => {
    const dataFile = join(dir, 'cognito.db');
    const old = await startEmulator({ port: 0, dataFile, seed: OLD_SEED });
    const before = Object.values(old.pools)[0]!;
    const oldClient = Object.values(before.clients)[0]!;
    await old.stop();

    const { emulator, cognito } = await startEmbeddedCognito({ port: 0, dataFile });
    const sdk = new CognitoIdentityProvider({
      endpoint: emulator.endpoint,
      region: cognito.userPoolId.split('_')[0]!,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      expect(cognito).toMatchObject({ userPoolId: before.id, clientId: oldClient.id });
      expect(cognito.clientSecret).toBe(oldClient.secret);
      const { UserPoolClient: client } = await sdk.describeUserPoolClient({
        UserPoolId: cognito.userPoolId,
        ClientId: cognito.clientId,
      });
      expect(client?.ExplicitAuthFlows).toEqual([
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
        'ALLOW_USER_SRP_AUTH',
        'ALLOW_USER_AUTH',
      ]);
      expect(client).toMatchObject({
        ClientSecret: oldClient.secret,
        AccessTokenValidity: 30,
        TokenValidityUnits: { AccessToken: 'minutes' },
      });
    } finally {
      sdk.destroy();
      await emulator.stop();
    }
  });

  it('allows passwordless first factors and passkeys in the pool, and keeps its other settings and MFA', async () => {
    const dataFile = join(dir, 'factors.db');
    const old = await startEmulator({ port: 0, dataFile, seed: OLD_SEED });
    const poolId = Object.values(old.pools)[0]!.id;
    const oldSdk = sdkFor(old.endpoint, poolId);
    const before = (await oldSdk.describeUserPool({ UserPoolId: poolId })).UserPool!;
    oldSdk.destroy();
    expect(before.Policies?.SignInPolicy).toEqual({ AllowedFirstAuthFactors: ['PASSWORD'] });
    await old.stop();

    const { emulator } = await startEmbeddedCognito({ port: 0, dataFile });
    const sdk = sdkFor(emulator.endpoint, poolId);
    try {
      const after = (await sdk.describeUserPool({ UserPoolId: poolId })).UserPool!;
      expect(after.Policies?.SignInPolicy).toEqual({
        AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'],
      });
      const { SignInPolicy: _before, ...otherPolicies } = before.Policies!;
      const { SignInPolicy: _after, ...otherPoliciesAfter } = after.Policies!;
      expect(otherPoliciesAfter).toEqual(otherPolicies);
      expect(otherPoliciesAfter.PasswordPolicy?.MinimumLength).toBe(12);
      const { LastModifiedDate: _m1, Policies: _p1, ...rest } = before;
      const { LastModifiedDate: _m2, Policies: _p2, ...restAfter } = after;
      expect(restAfter).toEqual(rest);
      expect(after).toMatchObject({
        VerificationMessageTemplate: { EmailSubject: 'Your code for Acme' },
        MfaConfiguration: 'OPTIONAL',
        DeviceConfiguration: { DeviceOnlyRememberedOnUserPrompt: true },
      });
      expect((await sdk.getUserPoolMfaConfig({ UserPoolId: poolId })).SoftwareTokenMfaConfiguration).toEqual({
        Enabled: true,
      });
      // A second start finds nothing to change.
      await emulator.stop();
      const again = await startEmbeddedCognito({ port: 0, dataFile });
      const sdkAgain = sdkFor(again.emulator.endpoint, poolId);
      const third = (await sdkAgain.describeUserPool({ UserPoolId: poolId })).UserPool!;
      sdkAgain.destroy();
      await again.emulator.stop();
      expect(third.LastModifiedDate).toEqual(after.LastModifiedDate);
    } finally {
      sdk.destroy();
      await emulator.stop();
    }
  });
});

const sdkFor = (endpoint: string, poolId: string) =>
  new CognitoIdentityProvider({
    endpoint,
    region: poolId.split('_')[0]!,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
