import { type RunningEmulator, type Seed, startEmulator } from 'cognito-emulator';
import type { CognitoModuleOptions } from 'nest-cognito';

/** The pool the embedded emulator keeps for the reference server: users sign in with their email. */
export const EMBEDDED_POOL = 'auth-server';
export const EMBEDDED_CLIENT = 'auth-server';

export const EMBEDDED_SEED: Seed = {
  pools: [
    {
      name: EMBEDDED_POOL,
      settings: {
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
      },
      clients: [
        {
          name: EMBEDDED_CLIENT,
          generateSecret: true,
          settings: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
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
  return {
    emulator,
    cognito: {
      userPoolId: pool.id,
      clientId: client.id,
      ...(client.secret ? { clientSecret: client.secret } : {}),
      endpoint: emulator.endpoint,
      // The emulator accepts any SigV4 credentials; these keep the SDK from looking for real ones.
      credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' },
    },
  };
}
