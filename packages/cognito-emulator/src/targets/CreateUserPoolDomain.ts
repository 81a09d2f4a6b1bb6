import type {
  CreateUserPoolDomainRequest,
  CreateUserPoolDomainResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from '../errors.js';
import {
  assertDomainName,
  assertManagedLoginAvailable,
  certificateOf,
  cloudFrontDomain,
  CUSTOM_DOMAIN_CONFIG,
  DOMAIN,
  MANAGED_LOGIN_VERSION,
} from '../services/domains.js';
import type { PoolDomain } from '../services/model.js';
import { USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

/**
 * Gives a pool a prefix domain or (with `CustomDomainConfig`) a custom domain. A domain name is
 * unique across the emulator and a pool holds one of each kind, as on AWS; the store decides both
 * atomically, so of concurrent creates of one name exactly one wins.
 */
export const CreateUserPoolDomain = target<CreateUserPoolDomainRequest, CreateUserPoolDomainResponse>({
  signed: true,
  input: {
    Domain: DOMAIN,
    UserPoolId: USER_POOL_ID,
    ManagedLoginVersion: MANAGED_LOGIN_VERSION,
    CustomDomainConfig: CUSTOM_DOMAIN_CONFIG,
  },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    const kind = input.CustomDomainConfig ? 'custom' : 'prefix';
    assertDomainName(input.Domain, kind);
    const version = input.ManagedLoginVersion ?? 1;
    assertManagedLoginAvailable(pool, version);
    const domain: PoolDomain = {
      domain: input.Domain,
      poolId: pool.id,
      kind,
      managedLoginVersion: version,
      createdAt: ctx.now(),
      ...(input.CustomDomainConfig ? certificateOf(input.CustomDomainConfig) : {}),
    };
    const conflict = ctx.domains.insert(domain);
    if (conflict === 'taken') throw invalidParameter('Domain already associated with another user pool.');
    if (conflict) throw invalidParameter('User pool already has a domain configured.');
    return {
      ManagedLoginVersion: version,
      ...(kind === 'custom' ? { CloudFrontDomain: cloudFrontDomain(domain.domain) } : {}),
    };
  },
});
