import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * PKCE (RFC 7636) as Amazon Cognito takes it: `code_challenge_method` S256 only (AWS documents that
 * its authorization server does not support `plain`), the challenge the base64url SHA-256 of the
 * verifier; a verifier is 43 to 128 characters of `[A-Za-z0-9-._~]`.
 */

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const CHALLENGE = /^[A-Za-z0-9\-_]{43}$/;

/** Whether an authorization request's challenge is one Cognito accepts (S256, a SHA-256 in base64url). */
export const isChallenge = (method: string | undefined, challenge: string): boolean =>
  method === 'S256' && CHALLENGE.test(challenge);

/** Whether a token request's `code_verifier` proves the authorization request's challenge. */
export function verifierMatches(verifier: string | undefined, challenge: string): boolean {
  if (verifier === undefined || !VERIFIER.test(verifier)) return false;
  const computed = Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}
