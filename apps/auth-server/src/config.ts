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
  emulator: { port: number; dataFile: string };
  /** The first administrator, created at start when ADMIN_EMAIL and ADMIN_PASSWORD are set. */
  admin?: { email: string; password: string };
  /** The Cognito group whose members may use /admin. */
  adminGroup: string;
}

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
  const adminEmail = env.ADMIN_EMAIL?.trim();
  const adminPassword = env.ADMIN_PASSWORD;
  if (!!adminEmail !== !!adminPassword)
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither');
  if (adminEmail && !/^[^@\s]+@[^@\s]+$/.test(adminEmail))
    problems.push('ADMIN_EMAIL must be an email address');
  if (problems.length > 0) throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  const secret = env.COGNITO_CLIENT_SECRET?.trim();
  const region = env.AWS_REGION?.trim();
  const endpoint = env.COGNITO_ENDPOINT?.trim();
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
    emulator: { port: emulatorPort, dataFile: env.COGNITO_EMULATOR_DATA?.trim() || '.data/cognito.db' },
    ...(adminEmail && adminPassword ? { admin: { email: adminEmail, password: adminPassword } } : {}),
    adminGroup: env.ADMIN_GROUP?.trim() || 'admin',
  };
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
