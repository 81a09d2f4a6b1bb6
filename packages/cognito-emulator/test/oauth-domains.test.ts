import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emulatorWithSdk, race, rejection } from './helpers.js';

/** User pool domains: CreateUserPoolDomain, DescribeUserPoolDomain, UpdateUserPoolDomain, DeleteUserPoolDomain. */
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
});
afterAll(() => emulator.stop());

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
let counter = 0;
/** A prefix no other test uses. */
const prefix = (name: string) => `${name}-${process.pid}-${++counter}`;

async function newPool(settings: object = {}): Promise<string> {
  const { UserPool } = await cognito.createUserPool({ PoolName: 'domains', ...settings });
  return UserPool!.Id!;
}

describe('CreateUserPoolDomain and DescribeUserPoolDomain', () => {
  it('gives a pool a prefix domain that DescribeUserPoolDomain and DescribeUserPool show', async () => {
    const poolId = await newPool();
    const domain = prefix('login');
    const created = await cognito.createUserPoolDomain({ UserPoolId: poolId, Domain: domain });
    expect(created.ManagedLoginVersion).toBe(1);
    expect(created.CloudFrontDomain).toBeUndefined();

    const { DomainDescription } = await cognito.describeUserPoolDomain({ Domain: domain });
    expect(DomainDescription).toMatchObject({
      UserPoolId: poolId,
      Domain: domain,
      Status: 'ACTIVE',
      ManagedLoginVersion: 1,
      AWSAccountId: '000000000000',
    });
    expect(DomainDescription!.CustomDomainConfig).toBeUndefined();
    const { UserPool } = await cognito.describeUserPool({ UserPoolId: poolId });
    expect(UserPool!.Domain).toBe(domain);
    expect(UserPool!.CustomDomain).toBeUndefined();
  });

  it('answers an unknown domain with an empty DomainDescription, as AWS does', async () => {
    const described = await cognito.describeUserPoolDomain({ Domain: prefix('nobody') });
    expect(described.DomainDescription).toEqual({});
  });

  it('adds a custom domain beside the prefix one, with its certificate and a CloudFront host', async () => {
    const poolId = await newPool();
    await cognito.createUserPoolDomain({ UserPoolId: poolId, Domain: prefix('both') });
    const custom = `auth-${process.pid}.example.com`;
    const created = await cognito.createUserPoolDomain({
      UserPoolId: poolId,
      Domain: custom,
      ManagedLoginVersion: 2,
      CustomDomainConfig: { CertificateArn: CERTIFICATE, SecurityPolicy: 'TLS_V1_2_2021' },
    });
    expect(created.ManagedLoginVersion).toBe(2);
    expect(created.CloudFrontDomain).toMatch(/^d[0-9a-z]{13}\.cloudfront\.net$/);
    const { DomainDescription } = await cognito.describeUserPoolDomain({ Domain: custom });
    expect(DomainDescription).toMatchObject({
      UserPoolId: poolId,
      ManagedLoginVersion: 2,
      CloudFrontDistribution: created.CloudFrontDomain,
      CustomDomainConfig: { CertificateArn: CERTIFICATE, SecurityPolicy: 'TLS_V1_2_2021' },
    });
    const { UserPool } = await cognito.describeUserPool({ UserPoolId: poolId });
    expect(UserPool!.CustomDomain).toBe(custom);
  });

  it('refuses a prefix another pool holds, and a second prefix for one pool', async () => {
    const [first, second] = [await newPool(), await newPool()];
    const domain = prefix('taken');
    await cognito.createUserPoolDomain({ UserPoolId: first, Domain: domain });
    expect(await rejection(cognito.createUserPoolDomain({ UserPoolId: second, Domain: domain }))).toEqual(
      expect.objectContaining({
        name: 'InvalidParameterException',
        message: 'Domain already associated with another user pool.',
      }),
    );
    expect(
      await rejection(cognito.createUserPoolDomain({ UserPoolId: first, Domain: prefix('another') })),
    ).toEqual(
      expect.objectContaining({
        name: 'InvalidParameterException',
        message: 'User pool already has a domain configured.',
      }),
    );
  });

  it('refuses invalid prefixes and AWS reserved words', async () => {
    const poolId = await newPool();
    for (const bad of ['Upper', '-dash', 'dash-', 'under_score', 'dotted.name']) {
      const error = await rejection(cognito.createUserPoolDomain({ UserPoolId: poolId, Domain: bad }));
      expect(error.name).toBe('InvalidParameterException');
      expect(error.message).toContain('The domain name contains an invalid character.');
    }
    for (const word of ['aws', 'amazon', 'cognito']) {
      expect(
        await rejection(cognito.createUserPoolDomain({ UserPoolId: poolId, Domain: `my-${word}-login` })),
      ).toEqual(
        expect.objectContaining({
          name: 'InvalidParameterException',
          message: `Domain cannot contain reserved word: ${word}`,
        }),
      );
    }
    // Only a whole hyphen-separated word is reserved.
    await cognito.createUserPoolDomain({ UserPoolId: poolId, Domain: prefix('awsome-amazonian') });
    const tooLong = await rejection(
      cognito.createUserPoolDomain({ UserPoolId: poolId, Domain: 'a'.repeat(64) }),
    );
    expect(tooLong.name).toBe('InvalidParameterException');
    expect(tooLong.message).toContain('Member must have length less than or equal to 63');
  });

  it('refuses a bad certificate ARN, a version other than 1 or 2, and managed login on Lite', async () => {
    const poolId = await newPool();
    const badArn = await rejection(
      cognito.createUserPoolDomain({
        UserPoolId: poolId,
        Domain: 'auth.example.org',
        CustomDomainConfig: { CertificateArn: 'not-an-arn-of-any-kind' },
      }),
    );
    expect(badArn.name).toBe('InvalidParameterException');
    const badVersion = await rejection(
      cognito.createUserPoolDomain({ UserPoolId: poolId, Domain: prefix('v3'), ManagedLoginVersion: 3 }),
    );
    expect(badVersion.name).toBe('InvalidParameterException');

    const lite = await newPool({ UserPoolTier: 'LITE' });
    expect(
      await rejection(
        cognito.createUserPoolDomain({ UserPoolId: lite, Domain: prefix('lite'), ManagedLoginVersion: 2 }),
      ),
    ).toMatchObject({ name: 'FeatureUnavailableInTierException' });
    await cognito.createUserPoolDomain({ UserPoolId: lite, Domain: prefix('lite'), ManagedLoginVersion: 1 });
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    expect(
      await rejection(
        cognito.createUserPoolDomain({ UserPoolId: 'us-east-1_nothere00', Domain: prefix('x') }),
      ),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_nothere00 does not exist.',
    });
  });
});

describe('concurrent creates', () => {
  const N = 8;

  it(`${N} pools creating one prefix at once: one wins, the others are refused`, async () => {
    const pools = await Promise.all(Array.from({ length: N }, () => newPool()));
    const domain = prefix('race');
    const { won, lost } = await race(N, (i) =>
      cognito.createUserPoolDomain({ UserPoolId: pools[i]!, Domain: domain }),
    );
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(N - 1);
    for (const error of lost) expect(error.message).toBe('Domain already associated with another user pool.');
    const { DomainDescription } = await cognito.describeUserPoolDomain({ Domain: domain });
    expect(pools).toContain(DomainDescription!.UserPoolId);
  });

  it(`one pool creating ${N} different prefixes at once: it gets exactly one`, async () => {
    const poolId = await newPool();
    const names = Array.from({ length: N }, () => prefix('many'));
    const { won, lost } = await race(N, (i) =>
      cognito.createUserPoolDomain({ UserPoolId: poolId, Domain: names[i]! }),
    );
    expect(won).toHaveLength(1);
    for (const error of lost) expect(error.message).toBe('User pool already has a domain configured.');
    const { UserPool } = await cognito.describeUserPool({ UserPoolId: poolId });
    expect(names).toContain(UserPool!.Domain);
  });
});

describe('UpdateUserPoolDomain', () => {
  it('changes the managed login version and keeps the rest', async () => {
    const poolId = await newPool();
    const domain = prefix('upd');
    await cognito.createUserPoolDomain({ UserPoolId: poolId, Domain: domain });
    const updated = await cognito.updateUserPoolDomain({
      UserPoolId: poolId,
      Domain: domain,
      ManagedLoginVersion: 2,
    });
    expect(updated.ManagedLoginVersion).toBe(2);
    const { DomainDescription } = await cognito.describeUserPoolDomain({ Domain: domain });
    expect(DomainDescription).toMatchObject({ ManagedLoginVersion: 2, UserPoolId: poolId, Domain: domain });
  });

  it("replaces a custom domain's certificate; a prefix domain has none to replace", async () => {
    const poolId = await newPool();
    const custom = `id${process.pid}.example.net`;
    await cognito.createUserPoolDomain({
      UserPoolId: poolId,
      Domain: custom,
      CustomDomainConfig: { CertificateArn: CERTIFICATE },
    });
    const other = CERTIFICATE.replace('0a1b2c3d', 'ffffffff');
    const updated = await cognito.updateUserPoolDomain({
      UserPoolId: poolId,
      Domain: custom,
      CustomDomainConfig: { CertificateArn: other },
    });
    expect(updated.CloudFrontDomain).toMatch(/cloudfront\.net$/);
    const { DomainDescription } = await cognito.describeUserPoolDomain({ Domain: custom });
    expect(DomainDescription!.CustomDomainConfig).toEqual({ CertificateArn: other });
    expect(DomainDescription!.ManagedLoginVersion).toBe(1);

    const domain = prefix('plain');
    await cognito.createUserPoolDomain({ UserPoolId: poolId, Domain: domain });
    expect(
      await rejection(
        cognito.updateUserPoolDomain({
          UserPoolId: poolId,
          Domain: domain,
          CustomDomainConfig: { CertificateArn: other },
        }),
      ),
    ).toMatchObject({ name: 'InvalidParameterException' });
  });

  it("refuses a domain the pool does not hold with AWS's message", async () => {
    const [owner, stranger] = [await newPool(), await newPool()];
    const domain = prefix('mine');
    await cognito.createUserPoolDomain({ UserPoolId: owner, Domain: domain });
    for (const call of [
      cognito.updateUserPoolDomain({ UserPoolId: stranger, Domain: domain, ManagedLoginVersion: 2 }),
      cognito.deleteUserPoolDomain({ UserPoolId: stranger, Domain: domain }),
      cognito.deleteUserPoolDomain({ UserPoolId: owner, Domain: prefix('never') }),
    ]) {
      expect(await rejection(call)).toEqual(
        expect.objectContaining({
          name: 'InvalidParameterException',
          message: 'No such domain or user pool exists.',
        }),
      );
    }
    const { DomainDescription } = await cognito.describeUserPoolDomain({ Domain: domain });
    expect(DomainDescription).toMatchObject({ UserPoolId: owner, ManagedLoginVersion: 1 });
  });
});

describe('DeleteUserPoolDomain and DeleteUserPool', () => {
  it('frees the name for another pool', async () => {
    const [first, second] = [await newPool(), await newPool()];
    const domain = prefix('free');
    await cognito.createUserPoolDomain({ UserPoolId: first, Domain: domain });
    await cognito.deleteUserPoolDomain({ UserPoolId: first, Domain: domain });
    expect((await cognito.describeUserPoolDomain({ Domain: domain })).DomainDescription).toEqual({});
    expect((await cognito.describeUserPool({ UserPoolId: first })).UserPool!.Domain).toBeUndefined();
    await cognito.createUserPoolDomain({ UserPoolId: second, Domain: domain });
    expect((await cognito.describeUserPoolDomain({ Domain: domain })).DomainDescription!.UserPoolId).toBe(
      second,
    );
  });

  it('refuses to delete a pool that still has a domain, as AWS does; then deletes it once the domain is gone', async () => {
    const poolId = await newPool();
    const domain = prefix('gone');
    await cognito.createUserPoolDomain({ UserPoolId: poolId, Domain: domain });
    expect(await rejection(cognito.deleteUserPool({ UserPoolId: poolId }))).toEqual(
      expect.objectContaining({
        name: 'InvalidParameterException',
        message: 'User pool cannot be deleted. It has a domain configured that should be deleted first.',
      }),
    );
    await cognito.deleteUserPoolDomain({ UserPoolId: poolId, Domain: domain });
    await cognito.deleteUserPool({ UserPoolId: poolId });
    expect(await rejection(cognito.describeUserPool({ UserPoolId: poolId }))).toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
