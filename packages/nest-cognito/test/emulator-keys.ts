import type { KeyObject } from 'node:crypto';
import type { RunningEmulator } from 'cognito-emulator';

/**
 * The one place the library's tests reach behind the emulator's wire API: a pool's signing key
 * (to forge tokens that only an attacker's claims set apart) and its rotation (to test the guard's
 * JWKS refresh). Real Cognito has no operation for either, so the emulator's public API has none;
 * everything else the tests do goes through Cognito's own operations.
 */
export function poolSigningKey(
  emulator: RunningEmulator,
  poolId: string,
): { kid: string; privateKey: KeyObject } {
  return emulator.signingKey(poolId);
}

/** Replaces the pool's signing key: its JWKS then holds only the new key, under `kid`. */
export function rotatePoolSigningKey(
  emulator: RunningEmulator,
  poolId: string,
  pem: string,
  kid: string,
): void {
  emulator.rotateSigningKey(poolId, pem, kid);
}
