/**
 * nest-cognito/testing: test an application's protected routes with real tokens checked by the
 * real guard, without an AWS account and without switching authentication off.
 *
 * - `startEmulatedCognito()`: a Cognito emulator in this process; `signInAs()` real users.
 * - `createOfflineCognito()`: no Cognito at all; `mintAccessToken()` / `mintIdToken()`.
 */
export {
  EmulatedCognito,
  type EmulatedCognitoOptions,
  type SignedInUser,
  type SignInAsInput,
  type SignInFlowName,
  startEmulatedCognito,
} from './emulated-cognito.js';
export type { EmulatorMessage, EmulatorMessageFilter, RunningCognitoEmulator } from './emulator-handle.js';
export { createOfflineCognito, OfflineCognito } from './offline-cognito.js';
export type { Overridable } from './testing-module.js';
export { type MintClaims, TokenMinter } from './token-minter.js';
export { totp } from './totp.js';
