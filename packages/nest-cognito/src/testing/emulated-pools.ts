import type { InProcessEmulator } from './emulator-handle.js';
import type { MachineClient } from './machine-token.js';
import {
  MACHINE_CLIENT,
  machineClientSeed,
  resourceServerInputs,
  type ResourceServers,
  testingDomain,
  userClientOAuth,
} from './oauth-setup.js';

/**
 * The pools of an emulated Cognito: the application's main pool (`'default'`, as `@CognitoPools()`
 * names it) and one per trusted pool it is asked for, each with its own domain, the same resource
 * servers, a users' app client and a machine client.
 */

/** The main pool's name, as `@CognitoPools()` and `trustedPools` name it. */
export const MAIN_POOL = 'default';

/** One pool of the emulated Cognito and its clients. */
export interface EmulatedPool {
  /** `'default'` for the main pool, else the trusted pool's name in the application's options. */
  name: string;
  userPoolId: string;
  /** The users' app client (no secret): `signInAs` and the managed login sign in through it. */
  clientId: string;
  /** The machine client (client credentials, every custom scope); none without custom scopes. */
  machine?: MachineClient;
}

/** What every pool of the seed shares: settings, the users' client's, MFA, groups, resource servers. */
export interface PoolSeedSettings {
  pool: Record<string, unknown>;
  client: Record<string, unknown>;
  mfa: Record<string, unknown>;
  groups: string[];
  servers: ResourceServers;
  scopes: string[];
  callbackUrls: string[];
  logoutUrls: string[];
}

/** The seed name of a pool (the `PoolName`). */
const seedName = (name: string) =>
  name === MAIN_POOL ? 'nest-cognito-testing' : `nest-cognito-testing-${name}`;

/** The seed of one pool, with OAuth 2.0 set up: a domain, the resource servers, both clients. */
export function poolSeed(name: string, settings: PoolSeedSettings) {
  return {
    name: seedName(name),
    settings: settings.pool,
    domain: testingDomain(),
    resourceServers: resourceServerInputs(settings.servers),
    clients: [
      {
        name: 'app',
        settings: {
          ...userClientOAuth(settings.scopes, settings.callbackUrls, settings.logoutUrls),
          ...settings.client,
        },
      },
      ...machineClientSeed(settings.scopes),
    ],
    mfa: settings.mfa,
    groups: settings.groups.map((group) => ({ name: group })),
  };
}

/** The seeded pools, by name, with their ids. */
export function emulatedPools(emulator: InProcessEmulator, names: string[]): Record<string, EmulatedPool> {
  const pools: Record<string, EmulatedPool> = {};
  for (const name of names) {
    const seeded = emulator.pools[seedName(name)]!;
    const machine = seeded.clients[MACHINE_CLIENT];
    pools[name] = {
      name,
      userPoolId: seeded.id,
      clientId: seeded.clients.app!.id,
      ...(machine?.secret ? { machine: { clientId: machine.id, clientSecret: machine.secret } } : {}),
    };
  }
  return pools;
}

/** The app clients of a pool whose tokens the guard accepts: the users' and the machine client. */
export const clientIdsOf = (pool: EmulatedPool): string[] => [
  pool.clientId,
  ...(pool.machine ? [pool.machine.clientId] : []),
];
