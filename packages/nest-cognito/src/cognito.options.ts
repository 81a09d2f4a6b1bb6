import type { CognitoIdentityProviderClientConfig } from '@aws-sdk/client-cognito-identity-provider';
import type { RevocationStore } from './revocation/revocation.store.js';

export type CognitoAuthFlow = 'USER_PASSWORD_AUTH' | 'ADMIN_USER_PASSWORD_AUTH';

/** What `CognitoModule.forRoot()` takes. Credentials are never required: the default AWS chain applies. */
export interface CognitoModuleOptions {
  /** `<region>_<id>`; the region is taken from it unless `region` is given. */
  userPoolId: string;
  /** The app client that users sign in through. */
  clientId: string;
  /** The app client's secret, when it has one: every request then carries a SECRET_HASH. */
  clientSecret?: string;
  /** AWS region; default: the one in `userPoolId`. */
  region?: string;
  /** Another Cognito endpoint (an emulator): the SDK talks to it and JWKS are fetched from it. */
  endpoint?: string;
  /** Explicit AWS credentials; default: the AWS SDK's default provider chain. */
  credentials?: CognitoIdentityProviderClientConfig['credentials'];
  /** How `signIn` authenticates. Default `USER_PASSWORD_AUTH`. */
  authFlow?: CognitoAuthFlow;
  /**
   * Where sign-outs are recorded for the guard. Default: in memory (one process); share one
   * (e.g. `RedisRevocationStore`) between instances.
   */
  revocationStore?: RevocationStore;
}

/** Options after validation, with every default filled in. */
export interface ResolvedCognitoOptions extends CognitoModuleOptions {
  region: string;
  authFlow: CognitoAuthFlow;
}

const POOL_ID = /^(?<region>[a-z]{2}(-[a-z]+)+-\d)_[0-9A-Za-z]+$/;
const CLIENT_ID = /^[\w+]{1,128}$/;
const AUTH_FLOWS: readonly CognitoAuthFlow[] = ['USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH'];

/**
 * Checks the options once, at boot, and fails with one message that names every problem.
 */
export function resolveCognitoOptions(options: CognitoModuleOptions | undefined): ResolvedCognitoOptions {
  const problems: string[] = [];
  const o = (options ?? {}) as Partial<CognitoModuleOptions>;
  const poolMatch = typeof o.userPoolId === 'string' ? POOL_ID.exec(o.userPoolId) : null;
  if (!o.userPoolId) problems.push('userPoolId is required (e.g. "eu-west-1_AbCdEf123")');
  else if (!poolMatch) problems.push(`userPoolId "${o.userPoolId}" is not of the form <region>_<id>`);
  if (!o.clientId) problems.push('clientId is required');
  else if (!CLIENT_ID.test(o.clientId)) problems.push('clientId must be 1-128 word characters');
  if (o.clientSecret !== undefined && (typeof o.clientSecret !== 'string' || o.clientSecret.length === 0)) {
    problems.push('clientSecret, when given, must be a non-empty string');
  }
  if (o.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(o.region)) {
    problems.push(`region "${o.region}" is not an AWS region name`);
  }
  if (o.endpoint !== undefined) {
    try {
      const url = new URL(o.endpoint);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    } catch {
      problems.push(`endpoint "${o.endpoint}" is not an http(s) URL`);
    }
  }
  if (o.authFlow !== undefined && !AUTH_FLOWS.includes(o.authFlow)) {
    problems.push(`authFlow must be one of ${AUTH_FLOWS.join(', ')}`);
  }
  const store = o.revocationStore as Partial<RevocationStore> | undefined;
  if (
    store !== undefined &&
    (typeof store?.isRevoked !== 'function' ||
      typeof store.revokeSession !== 'function' ||
      typeof store.revokeUser !== 'function')
  ) {
    problems.push('revocationStore must implement isRevoked, revokeSession and revokeUser');
  }
  if (problems.length > 0) {
    throw new Error(`Invalid CognitoModule options:\n  - ${problems.join('\n  - ')}`);
  }
  const resolved = o as CognitoModuleOptions;
  return {
    ...resolved,
    endpoint: resolved.endpoint?.replace(/\/+$/, ''),
    region: resolved.region ?? poolMatch!.groups!.region!,
    authFlow: resolved.authFlow ?? 'USER_PASSWORD_AUTH',
  };
}
