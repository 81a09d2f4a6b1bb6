import type {
  DescribeUserPoolDomainRequest,
  DescribeUserPoolDomainResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { describeDomain, DOMAIN } from '../services/domains.js';
import { target } from './target.js';

/** Describes a domain by its name alone; an unknown one is `{ DomainDescription: {} }`, as AWS answers. */
export const DescribeUserPoolDomain = target<DescribeUserPoolDomainRequest, DescribeUserPoolDomainResponse>({
  signed: true,
  input: { Domain: DOMAIN },
  handler: (ctx, input) => {
    const domain = ctx.domains.find(input.Domain);
    return { DomainDescription: domain ? describeDomain(domain, ctx.region) : {} };
  },
});
