import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { emulatorWithSdk, rejection, wire } from './helpers.js';

const SMS = { SnsCallerArn: 'arn:aws:iam::000000000000:role/sns-caller', ExternalId: 'x' };

describe('pool MFA configuration', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;
  beforeAll(async () => ({ emulator, cognito } = await emulatorWithSdk()));
  afterAll(() => emulator.stop());

  const newPool = async (input: object = {}) =>
    (await cognito.createUserPool({ PoolName: 'mfa', ...input })).UserPool!.Id!;

  it('is OFF without factors for a new pool', async () => {
    const poolId = await newPool();
    const config = await cognito.getUserPoolMfaConfig({ UserPoolId: poolId });
    expect(config.MfaConfiguration).toBe('OFF');
    expect(config.SoftwareTokenMfaConfiguration).toEqual({ Enabled: false });
    expect(config.SmsMfaConfiguration).toBeUndefined();
    expect(config.EmailMfaConfiguration).toBeUndefined();
  });

  it('sets the mode and the factors, shown by GetUserPoolMfaConfig and DescribeUserPool', async () => {
    const poolId = await newPool();
    const answer = await cognito.setUserPoolMfaConfig({
      UserPoolId: poolId,
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code: {####}', SmsConfiguration: SMS },
      EmailMfaConfiguration: { Message: 'Your code is {####}', Subject: 'Sign-in code' },
    });
    expect(answer.MfaConfiguration).toBe('ON');
    const config = await cognito.getUserPoolMfaConfig({ UserPoolId: poolId });
    expect(config).toMatchObject({
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code: {####}', SmsConfiguration: SMS },
      EmailMfaConfiguration: { Message: 'Your code is {####}', Subject: 'Sign-in code' },
    });
    const { UserPool } = await cognito.describeUserPool({ UserPoolId: poolId });
    expect(UserPool!.MfaConfiguration).toBe('ON');
    expect(Object.keys(UserPool!)).not.toContain('MfaFactors');
  });

  it('replaces the factors: one left out is turned off; the mode left out is kept', async () => {
    const poolId = await newPool();
    await cognito.setUserPoolMfaConfig({
      UserPoolId: poolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: { SmsConfiguration: SMS },
    });
    await cognito.setUserPoolMfaConfig({
      UserPoolId: poolId,
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    const config = await cognito.getUserPoolMfaConfig({ UserPoolId: poolId });
    expect(config.MfaConfiguration).toBe('OPTIONAL');
    expect(config.SmsMfaConfiguration).toBeUndefined();
  });

  it('refuses ON or OPTIONAL without any factor, and messages without {####}', async () => {
    const poolId = await newPool();
    for (const mode of ['ON', 'OPTIONAL'] as const) {
      const error = await rejection(
        cognito.setUserPoolMfaConfig({ UserPoolId: poolId, MfaConfiguration: mode }),
      );
      expect(error.name).toBe('InvalidParameterException');
    }
    const error = await rejection(
      cognito.setUserPoolMfaConfig({
        UserPoolId: poolId,
        EmailMfaConfiguration: { Message: 'no placeholder here' },
      }),
    );
    expect(error.name).toBe('InvalidParameterException');
  });

  it('refuses email codes in the Lite tier', async () => {
    const poolId = await newPool({ UserPoolTier: 'LITE' });
    const error = await rejection(
      cognito.setUserPoolMfaConfig({ UserPoolId: poolId, EmailMfaConfiguration: { Subject: 'Code' } }),
    );
    expect(error.name).toBe('FeatureUnavailableInTierException');
  });

  it('CreateUserPool with MFA needs an SMS configuration, which turns SMS codes on', async () => {
    const error = await rejection(cognito.createUserPool({ PoolName: 'mfa', MfaConfiguration: 'ON' }));
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toBe(
      'SMS configuration and Auto verification for phone_number are required when MFA is required/optional',
    );
    const poolId = await newPool({
      MfaConfiguration: 'OPTIONAL',
      SmsConfiguration: SMS,
      SmsAuthenticationMessage: 'Sign in with {####}',
    });
    const config = await cognito.getUserPoolMfaConfig({ UserPoolId: poolId });
    expect(config.MfaConfiguration).toBe('OPTIONAL');
    expect(config.SmsMfaConfiguration).toEqual({
      SmsAuthenticationMessage: 'Sign in with {####}',
      SmsConfiguration: SMS,
    });
  });

  it('UpdateUserPool keeps the factors, and its MfaConfiguration left out turns MFA off', async () => {
    const poolId = await newPool();
    await cognito.setUserPoolMfaConfig({
      UserPoolId: poolId,
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    await cognito.updateUserPool({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL' });
    expect(await cognito.getUserPoolMfaConfig({ UserPoolId: poolId })).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    await cognito.updateUserPool({ UserPoolId: poolId });
    expect((await cognito.getUserPoolMfaConfig({ UserPoolId: poolId })).MfaConfiguration).toBe('OFF');
  });

  it('a seed sets a pool’s MFA', async () => {
    const seeded = await startEmulator({
      port: 0,
      seed: {
        pools: [
          {
            name: 'seeded',
            mfa: { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
          },
        ],
      },
    });
    try {
      const answer = await wire(
        seeded.endpoint,
        'GetUserPoolMfaConfig',
        { UserPoolId: seeded.pools.seeded!.id },
        { signed: true },
      );
      expect(answer.body).toEqual({
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      });
    } finally {
      await seeded.stop();
    }
  });
});
