import {
  CognitoIdentityProvider,
  type ExplicitAuthFlowsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { type RunningEmulator, type Seed, startEmulator } from 'cognito-emulator';
import type { CognitoModuleOptions } from 'nest-cognito';

/**
 * The pool the embedded emulator keeps for the reference server: users sign in with their email,
 * through an app client with a secret that allows SRP (the server's default), the password flow
 * (COGNITO_AUTH_FLOW=USER_PASSWORD_AUTH) and refresh. MFA is optional, with authenticator apps:
 * users who set one up (/auth/mfa/totp) are asked for its code at sign-in.
 */
export const EMBEDDED_POOL = 'auth-server';
export const EMBEDDED_CLIENT = 'auth-server';

const EMBEDDED_FLOWS: ExplicitAuthFlowsType[] = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
];
// The emulator accepts any SigV4 credentials; these keep the SDK from looking for real ones.
const EMULATOR_CREDENTIALS = { accessKeyId: 'emulator', secretAccessKey: 'emulator' };

export const EMBEDDED_SEED: Seed = {
  pools: [
    {
      name: EMBEDDED_POOL,
      settings: {
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
      },
      mfa: { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
      clients: [
        {
          name: EMBEDDED_CLIENT,
          generateSecret: true,
          settings: { ExplicitAuthFlows: EMBEDDED_FLOWS },
        },
      ],
    },
  ],
};

/**
 * Starts the emulator in this process and returns it with the `CognitoModule` options that point
 * at it. The pool and client are created once and found again in the data file on later starts.
 */
export async function startEmbeddedCognito(options: {
  port: number;
  dataFile: string;
}): Promise<{ emulator: RunningEmulator; cognito: CognitoModuleOptions }> {
  const emulator = await startEmulator({
    port: options.port,
    dataFile: options.dataFile,
    seed: EMBEDDED_SEED,
  });
  const pool = emulator.pools[EMBEDDED_POOL]!;
  const client = pool.clients[EMBEDDED_CLIENT]!;
  try {
    await allowEmbeddedFlows(emulator.endpoint, pool.id, client.id);
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  return {
    emulator,
    cognito: {
      userPoolId: pool.id,
      clientId: client.id,
      ...(client.secret ? { clientSecret: client.secret } : {}),
      endpoint: emulator.endpoint,
      credentials: EMULATOR_CREDENTIALS,
    },
  };
}

/**
 * A data file written before SRP was the server's default holds the client without
 * ALLOW_USER_SRP_AUTH (seeds never change what exists): add the missing flows, keeping every other
 * setting (UpdateUserPoolClient resets what it is not given, so it gets the whole description back).
 */
async function allowEmbeddedFlows(endpoint: string, userPoolId: string, clientId: string): Promise<void> {
  const sdk = new CognitoIdentityProvider({
    endpoint,
    region: userPoolId.slice(0, userPoolId.indexOf('_')),
    credentials: EMULATOR_CREDENTIALS,
  });
  try {
    const { UserPoolClient: client } = await sdk.describeUserPoolClient({
      UserPoolId: userPoolId,
      ClientId: clientId,
    });
    const flows = client?.ExplicitAuthFlows ?? [];
    const missing = EMBEDDED_FLOWS.filter((flow) => !flows.includes(flow));
    if (!client || missing.length === 0) return;
    const {
      ClientSecret: _secret,
      CreationDate: _created,
      LastModifiedDate: _modified,
      ...settings
    } = client;
    await sdk.updateUserPoolClient({
      ...settings,
      UserPoolId: userPoolId,
      ClientId: clientId,
      ExplicitAuthFlows: [...flows, ...missing],
    });
  } finally {
    sdk.destroy();
  }
}
