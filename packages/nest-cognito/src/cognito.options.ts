import type { CognitoIdentityProviderClientConfig } from '@aws-sdk/client-cognito-identity-provider';
import {
  type ClientCredentialsModuleOptions,
  clientCredentialsProblems,
} from './client-credentials/client-credentials.options.js';
import type { RevocationStore } from './revocation/revocation.store.js';
import { DEFAULT_POOL } from './tokens/cognito-user.js';

/**
 * How `signIn` authenticates: `USER_PASSWORD_AUTH` sends the password to Cognito over TLS;
 * `ADMIN_USER_PASSWORD_AUTH` does so through the admin API (needs AWS credentials);
 * `USER_SRP_AUTH` proves it with Secure Remote Password without sending it (what an app client
 * made in the AWS console allows by default).
 */
export type CognitoAuthFlow = 'USER_PASSWORD_AUTH' | 'ADMIN_USER_PASSWORD_AUTH' | 'USER_SRP_AUTH';

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
   * The app client rotates refresh tokens (its `RefreshTokenRotation` is ENABLED): `refresh` then
   * calls `GetTokensFromRefreshToken` and returns the new refresh token (the old one stays good for
   * the client's grace period only). Default false: `InitiateAuth` REFRESH_TOKEN_AUTH, the refresh
   * token unchanged.
   */
  refreshTokenRotation?: boolean;
  /**
   * The service an authenticator app names beside the account (the issuer of the `otpauth://` URI
   * of `setUpTotp`): your application's name. 1 to 64 characters, no `:`. Default `Cognito`.
   */
  totpIssuer?: string;
  /**
   * Where sign-outs are recorded for the guard. Default: in memory (one process); share one
   * (e.g. `RedisRevocationStore`) between instances.
   */
  revocationStore?: RevocationStore;
  /** How the guard verifies tokens. */
  verification?: CognitoVerificationOptions;
  /** Also read the access token from this cookie when no `Authorization` header is sent. */
  tokenCookie?: string;
  /** The Cognito group whose members may use the admin REST API. Default `admin`. */
  adminGroup?: string;
  /**
   * Other pools whose tokens the guard accepts, by name, on the routes that name them with
   * `@CognitoPools('partners')` (alone, or with `'default'`, the main pool). Routes without the
   * decorator accept the main pool only.
   */
  trustedPools?: Record<string, TrustedPoolOptions>;
  /**
   * An app client of this application allowed the client-credentials flow: `CognitoClientCredentials`
   * gets its tokens for outgoing calls.
   */
  clientCredentials?: ClientCredentialsModuleOptions;
}

/** A pool trusted beside the main one (see `trustedPools`). */
export interface TrustedPoolOptions {
  /** `<region>_<id>`; its JWKS is fetched like the main pool's (from `endpoint` when set). */
  userPoolId: string;
  /** The app clients of that pool whose tokens are accepted (user clients and machine clients alike). */
  clientIds: string[];
  /** Which tokens are accepted: `access`, `id` or `any`. Default: `verification.tokenUse`. */
  tokenUse?: 'access' | 'id' | 'any';
}

/** A trusted pool after validation. */
export interface ResolvedTrustedPool {
  name: string;
  userPoolId: string;
  clientIds: string[];
  tokenUse: 'access' | 'id' | 'any';
}

export interface CognitoVerificationOptions {
  /** Which tokens the guard accepts: `access` (default), `id`, or `any` of the two. */
  tokenUse?: 'access' | 'id' | 'any';
  /** App clients whose tokens are accepted. Default: `[clientId]`. */
  clientIds?: string[];
  /** Pools whose tokens are accepted. Default: `[userPoolId]` (all must be in reach of `endpoint`). */
  userPoolIds?: string[];
  /** Clock tolerance for `exp` and `nbf`, in seconds (0..300). Default 0. */
  graceSeconds?: number;
  jwks?: {
    /** Attempts to load the JWKS at start-up before the app starts without it (and keeps trying). Default 3. */
    bootAttempts?: number;
    /** The least time between two fetches for an unknown `kid`, in seconds. Default 10. */
    minRefetchIntervalSeconds?: number;
    /** How often the JWKS is fetched again (key rotation); 0 never. Default 3600. */
    refreshIntervalSeconds?: number;
    /** Time-out of one fetch, in milliseconds. Default 3000. */
    timeoutMs?: number;
  };
  /** The verified-token cache. */
  cache?: {
    /** Most tokens kept; 0 turns the cache off. Default 10,000. */
    maxEntries?: number;
    /** Longest an entry lives, in seconds (never past the token's `exp`). Default 300. */
    maxTtlSeconds?: number;
  };
}

export interface ResolvedVerificationOptions {
  tokenUse: 'access' | 'id' | 'any';
  clientIds: string[];
  userPoolIds: string[];
  graceSeconds: number;
  jwks: {
    bootAttempts: number;
    minRefetchIntervalSeconds: number;
    refreshIntervalSeconds: number;
    timeoutMs: number;
  };
  cache: { maxEntries: number; maxTtlSeconds: number };
}

/** Options after validation, with every default filled in. */
export interface ResolvedCognitoOptions extends Omit<CognitoModuleOptions, 'verification' | 'trustedPools'> {
  region: string;
  /** The trusted pools, the main pool (`'default'`) not among them. */
  trustedPools: ResolvedTrustedPool[];
  authFlow: CognitoAuthFlow;
  verification: ResolvedVerificationOptions;
  adminGroup: string;
  totpIssuer: string;
}

const POOL_ID = /^(?<region>[a-z]{2}(-[a-z]+)+-\d)_[0-9A-Za-z]+$/;
const CLIENT_ID = /^[\w+]{1,128}$/;
const AUTH_FLOWS: readonly CognitoAuthFlow[] = [
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_SRP_AUTH',
];
/** Extras of 0.1 that mounted the REST controllers; a JavaScript caller would otherwise lose its routes silently. */
const REMOVED_OPTIONS = ['controller', 'adminController'] as const;
const MOVED_TO_REST =
  "import CognitoRestModule.forRoot({ auth: true, admin: true }) from 'nest-cognito/rest' to mount the REST API";

/** The options of 0.1 that are gone, each with where it went; `forRootAsync` checks them too. */
export function removedOptions(options: object): string[] {
  return REMOVED_OPTIONS.filter((name) => name in options).map(
    (name) => `${name} is no longer an option: ${MOVED_TO_REST}`,
  );
}

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
  if (
    o.totpIssuer !== undefined &&
    (typeof o.totpIssuer !== 'string' || !/^[^:\p{Cc}]{1,64}$/u.test(o.totpIssuer))
  ) {
    problems.push('totpIssuer must be 1 to 64 characters, without ":" or control characters');
  }
  if (o.refreshTokenRotation !== undefined && typeof o.refreshTokenRotation !== 'boolean') {
    problems.push('refreshTokenRotation must be true or false');
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
  const verification = resolveVerification(o, problems);
  if (o.tokenCookie !== undefined && !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(String(o.tokenCookie))) {
    problems.push('tokenCookie must be a cookie name');
  }
  if (o.adminGroup !== undefined && !/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u.test(String(o.adminGroup))) {
    problems.push('adminGroup must be a group name');
  }
  const trustedPools = resolveTrustedPools(o.trustedPools, verification, problems);
  if (o.clientCredentials !== undefined) {
    problems.push(...clientCredentialsProblems(o.clientCredentials, 'clientCredentials.'));
  }
  problems.push(...removedOptions(o));
  if (problems.length > 0) {
    throw new Error(`Invalid CognitoModule options:\n  - ${problems.join('\n  - ')}`);
  }
  const resolved = o as CognitoModuleOptions;
  return {
    ...resolved,
    endpoint: resolved.endpoint?.replace(/\/+$/, ''),
    region: resolved.region ?? poolMatch!.groups!.region!,
    authFlow: resolved.authFlow ?? 'USER_PASSWORD_AUTH',
    verification,
    trustedPools,
    adminGroup: resolved.adminGroup ?? 'admin',
    totpIssuer: resolved.totpIssuer ?? 'Cognito',
  };
}

function resolveVerification(
  o: Partial<CognitoModuleOptions>,
  problems: string[],
): ResolvedVerificationOptions {
  const v = o.verification ?? {};
  const number = (value: unknown, name: string, min: number, max: number, fallback: number): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      problems.push(`verification.${name} must be a number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const list = (value: unknown, name: string, pattern: RegExp, fallback: string[]): string[] => {
    if (value === undefined) return fallback;
    if (
      !Array.isArray(value) ||
      value.length === 0 ||
      !value.every((x) => typeof x === 'string' && pattern.test(x))
    ) {
      problems.push(`verification.${name} must be a non-empty list of ids`);
      return fallback;
    }
    return value as string[];
  };
  if (v.tokenUse !== undefined && !['access', 'id', 'any'].includes(v.tokenUse)) {
    problems.push('verification.tokenUse must be access, id or any');
  }
  return {
    tokenUse: v.tokenUse ?? 'access',
    clientIds: list(v.clientIds, 'clientIds', CLIENT_ID, o.clientId ? [o.clientId] : []),
    userPoolIds: list(v.userPoolIds, 'userPoolIds', POOL_ID, o.userPoolId ? [o.userPoolId] : []),
    graceSeconds: number(v.graceSeconds, 'graceSeconds', 0, 300, 0),
    jwks: {
      bootAttempts: number(v.jwks?.bootAttempts, 'jwks.bootAttempts', 1, 20, 3),
      minRefetchIntervalSeconds: number(
        v.jwks?.minRefetchIntervalSeconds,
        'jwks.minRefetchIntervalSeconds',
        0,
        3600,
        10,
      ),
      refreshIntervalSeconds: number(
        v.jwks?.refreshIntervalSeconds,
        'jwks.refreshIntervalSeconds',
        0,
        86400,
        3600,
      ),
      timeoutMs: number(v.jwks?.timeoutMs, 'jwks.timeoutMs', 100, 60_000, 3000),
    },
    cache: {
      maxEntries: number(v.cache?.maxEntries, 'cache.maxEntries', 0, 10_000_000, 10_000),
      maxTtlSeconds: number(v.cache?.maxTtlSeconds, 'cache.maxTtlSeconds', 1, 86_400, 300),
    },
  };
}

const POOL_NAME = /^[A-Za-z0-9][\w-]{0,63}$/;

/**
 * The trusted pools, checked: names that a decorator can spell (not `default`, the main pool's),
 * pool ids of the right form and each trusted once (one pool id, one set of clients).
 */
function resolveTrustedPools(
  value: unknown,
  verification: ResolvedVerificationOptions,
  problems: string[],
): ResolvedTrustedPool[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('trustedPools must be an object of named pools: { partners: { userPoolId, clientIds } }');
    return [];
  }
  const seen = new Set(verification.userPoolIds);
  const pools: ResolvedTrustedPool[] = [];
  for (const [name, pool] of Object.entries(value as Record<string, Partial<TrustedPoolOptions>>)) {
    const at = `trustedPools.${name}`;
    if (name === DEFAULT_POOL || !POOL_NAME.test(name)) {
      problems.push(
        `${at}: a pool name is 1-64 letters, digits, "_" or "-", and not "${DEFAULT_POOL}" (the main pool)`,
      );
      continue;
    }
    const { userPoolId, clientIds, tokenUse } = pool ?? {};
    const before = problems.length;
    if (typeof userPoolId !== 'string' || !POOL_ID.test(userPoolId)) {
      problems.push(`${at}.userPoolId must be of the form <region>_<id>`);
    } else if (seen.has(userPoolId)) {
      problems.push(
        `${at}.userPoolId ${userPoolId} is already trusted (each pool once, with all its clients)`,
      );
    }
    if (
      !Array.isArray(clientIds) ||
      clientIds.length === 0 ||
      !clientIds.every((c) => typeof c === 'string' && CLIENT_ID.test(c))
    ) {
      problems.push(`${at}.clientIds must be a non-empty list of app client ids`);
    }
    if (tokenUse !== undefined && !['access', 'id', 'any'].includes(tokenUse)) {
      problems.push(`${at}.tokenUse must be access, id or any`);
    }
    if (problems.length > before) continue;
    seen.add(userPoolId!);
    pools.push({
      name,
      userPoolId: userPoolId!,
      clientIds: [...clientIds!],
      tokenUse: tokenUse ?? verification.tokenUse,
    });
  }
  return pools;
}
