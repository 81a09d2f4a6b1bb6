import { readClaims } from '../tokens/token-claims.js';
import type { RevocationStore } from './revocation.store.js';

/** The longest a Cognito access token lives: a user's revocation is kept at least this long. */
export const MAX_ACCESS_TOKEN_SECONDS = 86_400;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Records that every token of the user issued up to now is revoked, then resolves once the next
 * second has begun. Token times are whole seconds, so the whole current second is covered; the
 * wait means that a token issued after this resolves (a sign-in after a sign-out, after a
 * re-enabled account) carries a later second and is never caught. Every user revocation the
 * library records goes through here, so every one waits alike (at most one second).
 */
export async function revokeUserTokens(store: RevocationStore, sub: string): Promise<void> {
  const before = nowSeconds() + 1;
  await store.revokeUser(sub, before, before + MAX_ACCESS_TOKEN_SECONDS);
  await untilSecond(before);
}

/**
 * Records that the sign-in session an access token comes from (its `origin_jti`) is revoked: that
 * token and every other one of the same sign-in. A token without `origin_jti` records nothing.
 */
export async function revokeSessionOf(store: RevocationStore, accessToken: string): Promise<void> {
  const claims = readClaims(accessToken);
  if (typeof claims.origin_jti !== 'string') return;
  const forgetAfter = typeof claims.exp === 'number' ? claims.exp : nowSeconds() + MAX_ACCESS_TOKEN_SECONDS;
  await store.revokeSession(claims.origin_jti, forgetAfter);
}

/** Revokes the session of an access token and every token of its user (`sub`), waiting as above. */
export async function revokeEverySessionOf(store: RevocationStore, accessToken: string): Promise<void> {
  await revokeSessionOf(store, accessToken);
  const { sub } = readClaims(accessToken);
  if (typeof sub === 'string') await revokeUserTokens(store, sub);
}

/** Resolves once the given second (epoch seconds) has begun. */
export async function untilSecond(second: number): Promise<void> {
  const wait = second * 1000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
