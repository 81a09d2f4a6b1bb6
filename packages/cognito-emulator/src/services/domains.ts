import { createHash } from 'node:crypto';
import type { CustomDomainConfigType } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoError, invalidParameter } from '../errors.js';
import type { Validated } from '../targets/target.js';
import type { Rule } from '../validation.js';
import type { Pool, PoolDomain } from './model.js';

/** The account every ARN and domain description of the emulator names. */
export const ACCOUNT_ID = '000000000000';

/** `Domain` as the API model constrains it; its pattern is checked by the handler, with AWS's message. */
export const DOMAIN: Rule = { type: 'string', required: true, min: 1, max: 63 };

/** `ManagedLoginVersion`: 1 hosted UI (classic), 2 managed login. */
export const MANAGED_LOGIN_VERSION: Rule = { type: 'integer', min: 1, max: 2 };

export const CUSTOM_DOMAIN_CONFIG: Rule = {
  type: 'structure',
  members: {
    CertificateArn: {
      type: 'string',
      required: true,
      min: 20,
      max: 2048,
      pattern:
        /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/,
    },
    SecurityPolicy: { type: 'string', enum: ['TLS_V1_3_2025', 'TLS_V1_2_2021', 'TLS_V1'] },
  },
};

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const RESERVED_WORDS = ['aws', 'amazon', 'cognito'];

/**
 * A prefix is one DNS label of lowercase letters, digits and hyphens, none of whose hyphen-separated
 * words is reserved (`aws`, `amazon`, `cognito`: `my-aws-login` is refused, `awsome` is not); a
 * custom domain is such labels joined by dots.
 */
export function assertDomainName(domain: string, kind: PoolDomain['kind']): void {
  const labels = kind === 'prefix' ? [domain] : domain.split('.');
  if ((kind === 'custom' && labels.length < 2) || !labels.every((label) => LABEL.test(label))) {
    throw invalidParameter(
      'The domain name contains an invalid character. Domain names can only contain lower-case letters, numbers, and hyphens. ' +
        'Please enter a different name that follows this format: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$',
    );
  }
  const reserved = kind === 'prefix' && domain.split('-').find((token) => RESERVED_WORDS.includes(token));
  if (reserved) throw invalidParameter(`Domain cannot contain reserved word: ${reserved}`);
}

/** Managed login (version 2) needs a feature plan above Lite, as on AWS. */
export function assertManagedLoginAvailable(pool: Pool, version: number): void {
  if (version === 2 && pool.config.UserPoolTier === 'LITE') {
    throw new CognitoError(
      'FeatureUnavailableInTierException',
      'Managed login is not available in the Lite tier of Amazon Cognito user pools.',
    );
  }
}

/** A custom domain's certificate settings, as stored. */
export const certificateOf = (config: Validated<CustomDomainConfigType>) => ({
  certificateArn: config.CertificateArn,
  ...(config.SecurityPolicy !== undefined ? { securityPolicy: config.SecurityPolicy } : {}),
});

/**
 * The CloudFront host that would serve the domain: stable for a domain name, of AWS's form
 * (`d` and 13 lowercase alphanumerics). Nothing is served there; the emulator's own OAuth
 * endpoints are on its listening address.
 */
export function cloudFrontDomain(domain: string): string {
  const digest = createHash('sha256').update(domain).digest();
  let name = 'd';
  for (let i = 0; i < 13; i++) name += '0123456789abcdefghijklmnopqrstuvwxyz'[digest[i]! % 36];
  return `${name}.cloudfront.net`;
}

/** A domain as DescribeUserPoolDomain describes it (`DomainDescriptionType`). */
export function describeDomain(domain: PoolDomain, region: string): Record<string, unknown> {
  return {
    UserPoolId: domain.poolId,
    AWSAccountId: ACCOUNT_ID,
    Domain: domain.domain,
    S3Bucket: `aws-cognito-prod-${region}-assets`,
    CloudFrontDistribution: cloudFrontDomain(domain.domain),
    Version: String(domain.createdAt),
    Status: 'ACTIVE',
    ...(domain.kind === 'custom'
      ? {
          CustomDomainConfig: {
            CertificateArn: domain.certificateArn,
            ...(domain.securityPolicy !== undefined ? { SecurityPolicy: domain.securityPolicy } : {}),
          },
        }
      : {}),
    ManagedLoginVersion: domain.managedLoginVersion,
  };
}

/** `Domain` and `CustomDomain` of DescribeUserPool: the pool's prefix and custom domains. */
export function poolDomainFields(domains: readonly PoolDomain[]): { Domain?: string; CustomDomain?: string } {
  const prefix = domains.find((d) => d.kind === 'prefix');
  const custom = domains.find((d) => d.kind === 'custom');
  return {
    ...(prefix ? { Domain: prefix.domain } : {}),
    ...(custom ? { CustomDomain: custom.domain } : {}),
  };
}

/** The pool's domain of that name, or AWS's answer for a domain the pool does not hold. */
export function ownedDomain(domains: readonly PoolDomain[], name: string): PoolDomain {
  const domain = domains.find((d) => d.domain === name);
  if (!domain) throw invalidParameter('No such domain or user pool exists.');
  return domain;
}
