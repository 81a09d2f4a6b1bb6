import type {
  UpdateUserPoolDomainRequest,
  UpdateUserPoolDomainResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from '../errors.js';
import {
  assertManagedLoginAvailable,
  certificateOf,
  cloudFrontDomain,
  CUSTOM_DOMAIN_CONFIG,
  DOMAIN,
  MANAGED_LOGIN_VERSION,
  ownedDomain,
} from '../services/domains.js';
import { USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

/**
 * Changes a domain's managed-login version or a custom domain's certificate; what the request
 * leaves out is kept. A prefix domain has no certificate to change.
 */
export const UpdateUserPoolDomain = target<UpdateUserPoolDomainRequest, UpdateUserPoolDomainResponse>({
  signed: true,
  input: {
    Domain: DOMAIN,
    UserPoolId: USER_POOL_ID,
    ManagedLoginVersion: MANAGED_LOGIN_VERSION,
    CustomDomainConfig: CUSTOM_DOMAIN_CONFIG,
  },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    const current = ownedDomain(ctx.domains.ofPool(pool.id), input.Domain);
    if (input.CustomDomainConfig && current.kind === 'prefix') {
      throw invalidParameter('CustomDomainConfig can only be updated for a custom domain.');
    }
    const version = input.ManagedLoginVersion ?? current.managedLoginVersion;
    assertManagedLoginAvailable(pool, version);
    const updated = {
      ...current,
      managedLoginVersion: version,
      ...(input.CustomDomainConfig ? certificateOf(input.CustomDomainConfig) : {}),
    };
    ctx.domains.update(updated);
    return {
      ManagedLoginVersion: version,
      ...(updated.kind === 'custom' ? { CloudFrontDomain: cloudFrontDomain(updated.domain) } : {}),
    };
  },
});
