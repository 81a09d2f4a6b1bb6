import type { RevocationStore } from './revocation.store.js';

/** The longest a Cognito access token lives: a user's revocation is kept at least this long. */
export const MAX_ACCESS_TOKEN_SECONDS = 86_400;

/**
 * Records that every token of the user issued up to now is revoked. Token times are whole seconds,
 * so the whole current second is covered; returns the first second whose tokens are not.
 */
export async function revokeUserTokens(store: RevocationStore, sub: string): Promise<number> {
  const before = Math.floor(Date.now() / 1000) + 1;
  await store.revokeUser(sub, before, before + MAX_ACCESS_TOKEN_SECONDS);
  return before;
}

/**
 * Resolves once the given second has begun: a sign-out answers only then, so that a sign-in after
 * it (whose tokens carry a later second) is never caught by the revocation.
 */
export async function untilSecond(second: number): Promise<void> {
  const wait = second * 1000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
