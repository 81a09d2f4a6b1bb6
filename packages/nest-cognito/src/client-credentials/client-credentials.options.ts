/**
 * An app client of this application allowed the OAuth 2.0 `client_credentials` flow (a secret,
 * `AllowedOAuthFlows: ['client_credentials']`, custom scopes of a resource server), as
 * `CognitoModule.forRoot({ clientCredentials })` takes it. The pool and endpoint are the module's.
 */
export interface ClientCredentialsModuleOptions {
  /** The machine client's id (usually not the client users sign in through). */
  clientId: string;
  /** Its secret. Never logged, never in an error message. */
  clientSecret: string;
  /** Scopes to ask for (`resource-server/scope`). Default: every custom scope the client is allowed. */
  scopes?: string[];
  /**
   * The pool's token endpoint, `https://<domain>/oauth2/token`. Default: the `token_endpoint` of the
   * pool's OpenID configuration (`/<poolId>/.well-known/openid-configuration`), read once.
   */
  tokenEndpoint?: string;
  /** The pool of the client, when not the module's `userPoolId`; only read to discover the endpoint. */
  userPoolId?: string;
  /** How long before its expiry a cached token is replaced, in seconds (0..600). Default 60. */
  refreshSkewSeconds?: number;
  /** Time-out of one HTTP request (discovery or token), in milliseconds (100..60,000). Default 5000. */
  timeoutMs?: number;
}

/** What `new CognitoClientCredentials()` takes outside Nest (scripts, workers). */
export interface CognitoClientCredentialsOptions extends ClientCredentialsModuleOptions {
  /**
   * Another Cognito endpoint (an emulator): the OpenID configuration is read from
   * `<endpoint>/<poolId>/.well-known/openid-configuration` instead of AWS's.
   */
  endpoint?: string;
  /** The clock, in epoch milliseconds; tests move it forward to expire the cached token. */
  now?: () => number;
}

/** The options after validation, with their defaults. */
export interface ResolvedClientCredentialsOptions {
  clientId: string;
  clientSecret: string;
  scopes?: string[];
  /** Either the token endpoint, or where to discover it. */
  tokenEndpoint?: string;
  discoveryUrl?: string;
  refreshSkewSeconds: number;
  timeoutMs: number;
  now: () => number;
}

const CLIENT_ID = /^[\w+]{1,128}$/;
/** A scope as Cognito accepts it: `openid`, `aws.cognito.signin.user.admin`, `server/scope`, ... */
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/;
const POOL_ID = /^(?<region>[a-z]{2}(-[a-z]+)+-\d)_[0-9A-Za-z]+$/;

/**
 * Whether `value` is an http(s) URL without a user name or password: `fetch` refuses those, and
 * its error (and ours, which names the URL) would then carry the password.
 */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/**
 * The problems of client-credentials options, each prefixed with `prefix` (`clientCredentials.`
 * inside the module's options). Never quotes the secret.
 */
export function clientCredentialsProblems(value: unknown, prefix: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`${prefix.replace(/\.$/, '')} must be an object { clientId, clientSecret }`];
  }
  const o = value as Partial<CognitoClientCredentialsOptions>;
  const problems: string[] = [];
  if (typeof o.clientId !== 'string' || !CLIENT_ID.test(o.clientId)) {
    problems.push(`${prefix}clientId is required: 1-128 word characters`);
  }
  if (typeof o.clientSecret !== 'string' || o.clientSecret.length === 0) {
    problems.push(`${prefix}clientSecret is required: a non-empty string`);
  }
  if (
    o.scopes !== undefined &&
    (!Array.isArray(o.scopes) ||
      o.scopes.length === 0 ||
      !o.scopes.every((s) => typeof s === 'string' && SCOPE.test(s)))
  ) {
    problems.push(`${prefix}scopes, when given, must be a non-empty list of scopes such as "orders/read"`);
  }
  if (o.tokenEndpoint !== undefined && !isHttpUrl(o.tokenEndpoint)) {
    problems.push(`${prefix}tokenEndpoint must be an http(s) URL without a user name or password`);
  }
  if (o.userPoolId !== undefined && (typeof o.userPoolId !== 'string' || !POOL_ID.test(o.userPoolId))) {
    problems.push(`${prefix}userPoolId must be of the form <region>_<id>`);
  }
  if (o.endpoint !== undefined && !isHttpUrl(o.endpoint)) {
    problems.push(`${prefix}endpoint must be an http(s) URL without a user name or password`);
  }
  const inRange = (n: unknown, min: number, max: number) =>
    n === undefined || (typeof n === 'number' && Number.isFinite(n) && n >= min && n <= max);
  if (!inRange(o.refreshSkewSeconds, 0, 600)) {
    problems.push(`${prefix}refreshSkewSeconds must be a number from 0 to 600`);
  }
  if (!inRange(o.timeoutMs, 100, 60_000))
    problems.push(`${prefix}timeoutMs must be a number from 100 to 60000`);
  if (o.now !== undefined && typeof o.now !== 'function') problems.push(`${prefix}now must be a function`);
  return problems;
}

/**
 * Where a pool's OpenID configuration is read: AWS's
 * `https://cognito-idp.<region>.amazonaws.com/<poolId>/.well-known/openid-configuration`, or the same
 * path on an endpoint override (an emulator).
 */
export function discoveryUrlOf(userPoolId: string, endpoint?: string): string {
  const base = endpoint
    ? endpoint.replace(/\/+$/, '')
    : `https://cognito-idp.${userPoolId.split('_')[0]}.amazonaws.com`;
  return `${base}/${userPoolId}/.well-known/openid-configuration`;
}

/** Checks the options (throwing one error naming every problem) and fills in the defaults. */
export function resolveClientCredentialsOptions(
  options: CognitoClientCredentialsOptions,
): ResolvedClientCredentialsOptions {
  const problems = clientCredentialsProblems(options, '');
  if (problems.length === 0 && !options.tokenEndpoint && !options.userPoolId) {
    problems.push('tokenEndpoint or userPoolId is required (the endpoint is discovered from the pool)');
  }
  if (problems.length > 0) {
    throw new Error(`Invalid CognitoClientCredentials options:\n  - ${problems.join('\n  - ')}`);
  }
  return {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ...(options.scopes ? { scopes: [...options.scopes] } : {}),
    ...(options.tokenEndpoint
      ? { tokenEndpoint: options.tokenEndpoint }
      : { discoveryUrl: discoveryUrlOf(options.userPoolId!, options.endpoint) }),
    refreshSkewSeconds: options.refreshSkewSeconds ?? 60,
    timeoutMs: options.timeoutMs ?? 5000,
    now: options.now ?? Date.now,
  };
}
