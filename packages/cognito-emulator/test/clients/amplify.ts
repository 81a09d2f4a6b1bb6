import { Amplify } from 'aws-amplify';
import { fetchAuthSession } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import type { RunningEmulator } from '../../src/index.js';
import { MemoryKeyValueStorage } from './memory-storage.js';

// Amplify v6, unchanged, pointed at the emulator: `userPoolEndpoint` is the only setting that
// differs from AWS. Amplify keeps its state in module globals, so a test file configures it once.

/** Configures Amplify for a pool and client of the emulator; answers the storage that keeps its tokens. */
export function configureAmplify(
  emulator: RunningEmulator,
  pool: { poolId: string; clientId: string },
  storage = new MemoryKeyValueStorage(),
): MemoryKeyValueStorage {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: pool.poolId,
        userPoolClientId: pool.clientId,
        userPoolEndpoint: emulator.endpoint,
      },
    },
  });
  cognitoUserPoolsTokenProvider.setKeyValueStorage(storage);
  return storage;
}

/** The signed-in user's access token claims, as Amplify keeps them. */
export async function signedInAs() {
  const { tokens } = await fetchAuthSession();
  return tokens?.accessToken.payload;
}
