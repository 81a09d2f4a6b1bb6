export { CognitoError } from './errors.js';
export type { Seed, SeedClient, SeededPool, SeedGroup, SeedPool, SeedUser } from './seed.js';
export type { OutboxFilter, OutboxMessage } from './store/outbox.js';
export { secretHash } from './services/secret-hash.js';
export { issuerOf } from './services/tokens.js';
export { type EmulatorOptions, type RunningEmulator, startEmulator } from './start.js';
