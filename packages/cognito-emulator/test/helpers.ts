import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../src/index.js';

export const PASSWORD = 'Passw0rd!';

/** An emulator on a free port and the real AWS SDK pointed at it. */
export async function emulatorWithSdk(
  options: EmulatorOptions = {},
): Promise<{ emulator: RunningEmulator; cognito: CognitoIdentityProvider }> {
  const emulator = await startEmulator({ port: 0, ...options });
  const cognito = new CognitoIdentityProvider({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  return { emulator, cognito };
}

/** A pool that signs in with email and a client that allows password and refresh sign-in. */
export async function emailPool(
  cognito: CognitoIdentityProvider,
  client: { secret?: boolean; preventUserExistenceErrors?: 'ENABLED' | 'LEGACY'; flows?: string[] } = {},
) {
  const { UserPool } = await cognito.createUserPool({
    PoolName: 'test-pool',
    UsernameAttributes: ['email'],
    AutoVerifiedAttributes: ['email'],
    UsernameConfiguration: { CaseSensitive: false },
  });
  const { UserPoolClient } = await cognito.createUserPoolClient({
    UserPoolId: UserPool!.Id!,
    ClientName: 'test-client',
    GenerateSecret: client.secret ?? false,
    ExplicitAuthFlows: (client.flows ?? ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']) as never,
    ...(client.preventUserExistenceErrors
      ? { PreventUserExistenceErrors: client.preventUserExistenceErrors }
      : {}),
  });
  return {
    poolId: UserPool!.Id!,
    clientId: UserPoolClient!.ClientId!,
    clientSecret: UserPoolClient!.ClientSecret,
  };
}

/** A confirmed user of a pool with the given password, made by an administrator. */
export async function userWithPassword(
  cognito: CognitoIdentityProvider,
  poolId: string,
  username: string,
  password = PASSWORD,
): Promise<string> {
  await cognito.adminCreateUser({ UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS' });
  await cognito.adminSetUserPassword({
    UserPoolId: poolId,
    Username: username,
    Password: password,
    Permanent: true,
  });
  return username;
}

/**
 * A pool (email as user name) that tracks devices (`DeviceConfiguration`, remembering on the user's
 * prompt if asked) and a client of the given flows, with a secret if asked.
 */
export async function deviceTrackingPool(
  cognito: CognitoIdentityProvider,
  options: { flows: string[]; prompt?: boolean; secret?: boolean },
) {
  const { UserPool } = await cognito.createUserPool({
    PoolName: 'devices',
    UsernameAttributes: ['email'],
    DeviceConfiguration: {
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: options.prompt ?? false,
    },
  });
  const { UserPoolClient } = await cognito.createUserPoolClient({
    UserPoolId: UserPool!.Id!,
    ClientName: 'app',
    GenerateSecret: options.secret ?? false,
    ExplicitAuthFlows: options.flows as never,
  });
  return {
    poolId: UserPool!.Id!,
    clientId: UserPoolClient!.ClientId!,
    clientSecret: UserPoolClient!.ClientSecret,
  };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { name: string; message: string };
  }
  throw new Error('expected a rejection, but the call succeeded');
}

/** A confirmed, signed-in user of a fresh email pool. */
export async function signedInUser(
  emulator: RunningEmulator,
  cognito: CognitoIdentityProvider,
  email: string,
  client: Parameters<typeof emailPool>[1] = {},
) {
  const pool = await emailPool(cognito, client);
  await cognito.signUp({ ClientId: pool.clientId, Username: email, Password: PASSWORD });
  await cognito.confirmSignUp({
    ClientId: pool.clientId,
    Username: email,
    ConfirmationCode: emulator.messages({ to: email }).at(-1)!.code!,
  });
  const { AuthenticationResult } = await cognito.initiateAuth({
    ClientId: pool.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD },
  });
  return { ...pool, tokens: AuthenticationResult! };
}

/** A raw AWS JSON 1.1 request, as the SDKs send it (signed: a SigV4-looking `Authorization`). */
export async function wire(
  endpoint: string,
  target: string,
  body: unknown,
  options: { signed?: boolean; headers?: Record<string, string> } = {},
): Promise<{ status: number; type: string | null; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
      ...(options.signed
        ? { authorization: 'AWS4-HMAC-SHA256 Credential=test/20261122/us-east-1/cognito-idp/aws4_request' }
        : {}),
      ...options.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('x-amzn-errortype'),
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
  };
}

/** Runs `n` calls at once; the settled outcomes, fulfilled values and rejection names apart. */
export async function race<T>(n: number, call: (i: number) => Promise<T>) {
  const settled = await Promise.allSettled(Array.from({ length: n }, (_, i) => call(i)));
  const won = settled.filter((s): s is PromiseFulfilledResult<Awaited<T>> => s.status === 'fulfilled');
  const lost = settled
    .filter((s): s is PromiseRejectedResult => s.status === 'rejected')
    .map((s) => s.reason as { name: string; message: string });
  return { won: won.map((s) => s.value), lost };
}

/**
 * SQL undoing what the migrations after schema 5 added (10: domains, resource servers, client secrets
 * apart from the client, whose first secret goes back into its config JSON; 9: passkeys; 8: MFA and lockout; 7: devices and the session's device; 6:
 * refresh tokens apart from sessions), for tests that rewrite a data file as an older emulator left
 * it before setting an older `user_version`. A new migration adds its undoing here, first.
 */
export const UNDO_AFTER_SCHEMA_5 = `
  ALTER TABLE sessions DROP COLUMN scope;
  UPDATE clients SET config = json_set(config, '$.secret',
    (SELECT secret FROM client_secrets s WHERE s.client_id = clients.id ORDER BY created_at, id LIMIT 1))
   WHERE EXISTS (SELECT 1 FROM client_secrets s WHERE s.client_id = clients.id);
  DROP TABLE client_secrets; DROP TABLE resource_servers; DROP TABLE domains;
  DROP TABLE webauthn_credentials; DROP TABLE webauthn_registrations;
  DROP TABLE user_mfa; ALTER TABLE users DROP COLUMN failed_sign_ins; ALTER TABLE users DROP COLUMN locked_until;
  DROP TABLE devices; ALTER TABLE sessions DROP COLUMN device_key;
  DROP TABLE refresh_tokens;
`;
