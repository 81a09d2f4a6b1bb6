/**
 * nest-cognito/testing: test an application's protected routes with real tokens checked by the
 * real guard, without an AWS account and without switching authentication off.
 *
 * - `startEmulatedCognito()`: a Cognito emulator in this process; `signInAs()` real users,
 *   `machineToken()` real client-credentials tokens, `signInWithManagedLogin()` the code grant.
 * - `createOfflineCognito()`: no Cognito at all; `mintAccessToken()` / `mintMachineToken()` / `mintIdToken()`.
 */
export {
  EmulatedCognito,
  type EmulatedCognitoOptions,
  type EmulatedPool,
  type MachineTokenInput,
  type ManagedLoginInput,
  type ManagedLoginUser,
  type SignedInUser,
  type SignInAsInput,
  type SignInFlowName,
  startEmulatedCognito,
} from './emulated-cognito.js';
export type { EmulatorMessage, EmulatorMessageFilter, RunningCognitoEmulator } from './emulator-handle.js';
export type { MachineClient, MachineToken } from './machine-token.js';
export type { ManagedLoginCredentials, ManagedLoginTokens } from './managed-login.js';
export type { ResourceServers } from './oauth-setup.js';
export { createOfflineCognito, OfflineCognito } from './offline-cognito.js';
export type { Overridable } from './testing-module.js';
export { type MintClaims, type MintMachineClaims, TokenMinter } from './token-minter.js';
export type { TokenGenerationVersion } from './trigger-config.js';
export { totp } from './totp.js';
