import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';

/** The auth flows the AWS console gives a new app client: SRP and refresh, nothing else. */
export const CONSOLE_DEFAULT_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] as const;

export interface PoolShape {
  /** `['email']`: the email signs in and the user name is the `sub`. Default: plain user names. */
  usernameAttributes?: 'email'[];
  /** `UsernameConfiguration.CaseSensitive`. Default true, as the API's. */
  caseSensitive?: boolean;
}

/**
 * A pool without `DeviceConfiguration` (remembered devices are tested elsewhere) and an app client
 * as the console makes it: no secret, SRP and refresh only, user existence errors prevented.
 */
export async function consoleDefaultPool(cognito: CognitoIdentityProvider, shape: PoolShape = {}) {
  const { UserPool } = await cognito.createUserPool({
    PoolName: 'client-library-pool',
    AutoVerifiedAttributes: ['email'],
    ...(shape.usernameAttributes ? { UsernameAttributes: shape.usernameAttributes } : {}),
    UsernameConfiguration: { CaseSensitive: shape.caseSensitive ?? true },
  });
  const poolId = UserPool!.Id!;
  const { clientId } = await consoleDefaultClient(cognito, poolId);
  return { poolId, clientId };
}

/** Another client of the pool with the console's default flows; with a secret if asked. */
export async function consoleDefaultClient(
  cognito: CognitoIdentityProvider,
  poolId: string,
  options: { secret?: boolean } = {},
) {
  const { UserPoolClient } = await cognito.createUserPoolClient({
    UserPoolId: poolId,
    ClientName: options.secret ? 'console-default-with-secret' : 'console-default',
    GenerateSecret: options.secret ?? false,
    ExplicitAuthFlows: [...CONSOLE_DEFAULT_FLOWS],
    PreventUserExistenceErrors: 'ENABLED',
  });
  return { clientId: UserPoolClient!.ClientId!, clientSecret: UserPoolClient!.ClientSecret };
}

/** A confirmed user with a permanent password, made by the administrator (no message sent). */
export async function confirmedUser(
  cognito: CognitoIdentityProvider,
  poolId: string,
  username: string,
  password: string,
  email: string,
) {
  await cognito.adminCreateUser({
    UserPoolId: poolId,
    Username: username,
    MessageAction: 'SUPPRESS',
    UserAttributes: [
      { Name: 'email', Value: email },
      { Name: 'email_verified', Value: 'true' },
    ],
  });
  await cognito.adminSetUserPassword({
    UserPoolId: poolId,
    Username: username,
    Password: password,
    Permanent: true,
  });
  const { Username } = await cognito.adminGetUser({ UserPoolId: poolId, Username: username });
  return Username!;
}
