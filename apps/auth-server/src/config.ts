import type { CognitoAuthFlow } from 'nest-cognito';

/** How much the rate-limited routes take, per client IP and per account, in one window. */
export interface RateLimitSettings {
  /** The window, in seconds; a caller over a limit waits for the rest of it. */
  windowSeconds: number;
  /** Requests per route per client IP in a window; 0 turns the limit off. */
  perIp: number;
  /** Requests per route per account (the email, or user name, in the body) in a window; 0 off. */
  perAccount: number;
}

export type LogFormat = 'json' | 'pretty';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';

/** The reference server's configuration, from the environment. */
export interface ServerConfig {
  port: number;
  host: string;
  /** Set when a real (or external) pool is configured; otherwise the embedded emulator runs. */
  cognito?: {
    userPoolId: string;
    clientId: string;
    clientSecret?: string;
    region?: string;
    endpoint?: string;
  };
  /** How `/auth/sign-in` authenticates (COGNITO_AUTH_FLOW); default USER_SRP_AUTH, as AWS console clients allow. */
  authFlow: CognitoAuthFlow;
  /** The app client rotates refresh tokens (COGNITO_REFRESH_TOKEN_ROTATION=true). */
  refreshTokenRotation: boolean;
  emulator: { port: number; dataFile: string };
  /** The first administrator, created at start when ADMIN_EMAIL and ADMIN_PASSWORD are set. */
  admin?: { email: string; password: string };
  /** The Cognito group whose members may use /admin. */
  adminGroup: string;
  rateLimit: RateLimitSettings;
  /** Redis shared by every instance: rate-limit counts and sign-outs. Unset: both in memory. */
  redisUrl?: string;
  log: { format: LogFormat; level: LogLevel };
  /** The longest a graceful shutdown may take before the process exits anyway, in seconds. */
  shutdownTimeoutSeconds: number;
  /**
   * The backend-for-frontend web login (`/auth/oauth/*`, tokens in httpOnly cookies), on when
   * WEB_LOGIN_ORIGIN is set.
   */
  webLogin?: WebLoginConfig;
}

/** The scopes of the web login: those of the ID token, and the one Cognito's user APIs (`/auth/me`) need. */
export const WEB_LOGIN_SCOPES = ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'];

/** The web login's settings, from WEB_LOGIN_ORIGIN, WEB_LOGIN_COOKIE_SECRET and COGNITO_DOMAIN. */
export interface WebLoginConfig {
  /** This server's origin as browsers reach it (`https://app.example.com`): the callback is under it. */
  origin: string;
  /** Seals the login transaction cookie: at least 32 bytes. */
  cookieSecret: string;
  /** The user pool's domain (`https://<prefix>.auth.<region>.amazoncognito.com`); the embedded emulator's own when unset. */
  domain?: string;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = { windowSeconds: 60, perIp: 60, perAccount: 10 };

const AUTH_FLOWS: readonly CognitoAuthFlow[] = [
  'USER_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
];
const LOG_LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'log', 'info', 'debug', 'verbose'];
const POOL_ID = /^[a-z]{2}(-[a-z]+)+-\d_[0-9A-Za-z]+$/;

/** Reads and checks the environment; one error names every problem. */
export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const problems: string[] = [];
  const port = parsePort(env.PORT, 3000, 'PORT', problems);
  const emulatorPort = parsePort(env.COGNITO_EMULATOR_PORT, 9229, 'COGNITO_EMULATOR_PORT', problems);
  const poolId = env.COGNITO_USER_POOL_ID?.trim();
  const clientId = env.COGNITO_CLIENT_ID?.trim();
  if (!poolId && (clientId || env.COGNITO_CLIENT_SECRET)) {
    problems.push('COGNITO_CLIENT_ID / COGNITO_CLIENT_SECRET are set but COGNITO_USER_POOL_ID is not');
  }
  if (poolId && !clientId) problems.push('COGNITO_USER_POOL_ID is set, so COGNITO_CLIENT_ID is required too');
  if (poolId && !POOL_ID.test(poolId))
    problems.push(
      `COGNITO_USER_POOL_ID must look like <region>_<id> (e.g. eu-west-1_AbC123), not "${poolId}"`,
    );
  const endpoint = env.COGNITO_ENDPOINT?.trim();
  if (endpoint && !isUrl(endpoint, ['http:', 'https:']))
    problems.push(`COGNITO_ENDPOINT must be an http(s) URL, not "${endpoint}"`);
  const authFlow = env.COGNITO_AUTH_FLOW?.trim() || 'USER_SRP_AUTH';
  if (!AUTH_FLOWS.includes(authFlow as CognitoAuthFlow))
    problems.push(`COGNITO_AUTH_FLOW must be one of ${AUTH_FLOWS.join(', ')}, not "${authFlow}"`);
  const rotation = env.COGNITO_REFRESH_TOKEN_ROTATION?.trim().toLowerCase() || 'false';
  if (rotation !== 'true' && rotation !== 'false')
    problems.push(`COGNITO_REFRESH_TOKEN_ROTATION must be true or false, not "${rotation}"`);
  const adminEmail = env.ADMIN_EMAIL?.trim();
  const adminPassword = env.ADMIN_PASSWORD;
  if (!!adminEmail !== !!adminPassword)
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither');
  if (adminEmail && !/^[^@\s]+@[^@\s]+$/.test(adminEmail))
    problems.push('ADMIN_EMAIL must be an email address');
  const redisUrl = env.REDIS_URL?.trim();
  // The URL may carry a password: never echo it.
  if (redisUrl && !isUrl(redisUrl, ['redis:', 'rediss:']))
    problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  const count = (name: string, fallback: number, min: number, max: number) =>
    parseInteger(env[name], name, fallback, min, max, problems);
  const rateLimit: RateLimitSettings = {
    windowSeconds: count('RATE_LIMIT_WINDOW_SECONDS', DEFAULT_RATE_LIMITS.windowSeconds, 1, 86_400),
    perIp: count('RATE_LIMIT_PER_IP', DEFAULT_RATE_LIMITS.perIp, 0, 1_000_000),
    perAccount: count('RATE_LIMIT_PER_ACCOUNT', DEFAULT_RATE_LIMITS.perAccount, 0, 1_000_000),
  };
  const logFormat = env.LOG_FORMAT?.trim() || (env.NODE_ENV === 'production' ? 'json' : 'pretty');
  if (logFormat !== 'json' && logFormat !== 'pretty')
    problems.push(`LOG_FORMAT must be json or pretty, not "${logFormat}"`);
  const logLevel = env.LOG_LEVEL?.trim().toLowerCase() || 'log';
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${env.LOG_LEVEL}"`);
  const shutdownTimeoutSeconds = count('SHUTDOWN_TIMEOUT_SECONDS', 10, 1, 3600);
  const webLogin = webLoginConfig(env, !!poolId, problems);
  if (problems.length > 0) throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  const secret = env.COGNITO_CLIENT_SECRET?.trim();
  const region = env.AWS_REGION?.trim();
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    ...(poolId && clientId
      ? {
          cognito: {
            userPoolId: poolId,
            clientId,
            ...(secret ? { clientSecret: secret } : {}),
            ...(region ? { region } : {}),
            ...(endpoint ? { endpoint } : {}),
          },
        }
      : {}),
    authFlow: authFlow as CognitoAuthFlow,
    refreshTokenRotation: rotation === 'true',
    emulator: { port: emulatorPort, dataFile: env.COGNITO_EMULATOR_DATA?.trim() || '.data/cognito.db' },
    ...(adminEmail && adminPassword ? { admin: { email: adminEmail, password: adminPassword } } : {}),
    adminGroup: env.ADMIN_GROUP?.trim() || 'admin',
    rateLimit,
    ...(redisUrl ? { redisUrl } : {}),
    log: { format: logFormat as LogFormat, level: (logLevel === 'info' ? 'log' : logLevel) as LogLevel },
    shutdownTimeoutSeconds,
    ...(webLogin ? { webLogin } : {}),
  };
}

/**
 * The web login's settings, when WEB_LOGIN_ORIGIN turns it on: the cookie secret is then required
 * (and never echoed), and so is COGNITO_DOMAIN with a pool of one's own (the embedded emulator
 * serves the managed login itself).
 */
function webLoginConfig(
  env: NodeJS.ProcessEnv,
  ownPool: boolean,
  problems: string[],
): WebLoginConfig | undefined {
  const origin = env.WEB_LOGIN_ORIGIN?.trim();
  const cookieSecret = env.WEB_LOGIN_COOKIE_SECRET;
  const domain = env.COGNITO_DOMAIN?.trim();
  if (!origin) {
    if (cookieSecret || domain)
      problems.push('WEB_LOGIN_COOKIE_SECRET / COGNITO_DOMAIN are set but WEB_LOGIN_ORIGIN is not');
    return undefined;
  }
  if (!isUrl(origin, ['http:', 'https:']) || new URL(origin).origin !== origin.replace(/\/$/, ''))
    problems.push(`WEB_LOGIN_ORIGIN must be an origin such as https://app.example.com, not "${origin}"`);
  if (!cookieSecret || Buffer.byteLength(cookieSecret) < 32)
    problems.push('WEB_LOGIN_COOKIE_SECRET is required with WEB_LOGIN_ORIGIN: at least 32 bytes of random');
  if (domain && !isUrl(domain, ['https:', 'http:']))
    problems.push(`COGNITO_DOMAIN must be the user pool domain's URL, not "${domain}"`);
  if (ownPool && !domain)
    problems.push(
      'COGNITO_DOMAIN is required with WEB_LOGIN_ORIGIN and COGNITO_USER_POOL_ID: the user pool domain’s URL',
    );
  return {
    origin: origin.replace(/\/$/, ''),
    cookieSecret: cookieSecret ?? '',
    ...(domain ? { domain } : {}),
  };
}

function parseInteger(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
    return fallback;
  }
  return n;
}

function parsePort(value: string | undefined, fallback: number, name: string, problems: string[]): number {
  if (value === undefined || value.trim() === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`${name} must be a port number (0-65535), not "${value}"`);
    return fallback;
  }
  return port;
}

function isUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
