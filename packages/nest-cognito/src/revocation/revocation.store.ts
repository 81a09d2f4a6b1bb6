/** Injection token of the `RevocationStore` the guard consults. */
export const COGNITO_REVOCATION_STORE = Symbol('COGNITO_REVOCATION_STORE');

/** What the guard asks of a verified token. */
export interface RevocationCheck {
  /** `origin_jti`: the sign-in the token comes from. */
  originJti?: string;
  /** The user (`sub`). */
  sub: string;
  /** `iat`, epoch seconds. */
  issuedAt: number;
}

/**
 * Sign-outs that tokens cannot show: a Cognito token's signature stays valid after a sign-out,
 * so the guard asks this store. A sign-in session (`origin_jti`) can be revoked, and a user's
 * tokens issued before a time. Entries may be forgotten once no token they cover can still be
 * valid (`forgetAfter`, epoch seconds).
 */
export interface RevocationStore {
  revokeSession(originJti: string, forgetAfter: number): Promise<void>;
  revokeUser(sub: string, issuedBefore: number, forgetAfter: number): Promise<void>;
  isRevoked(token: RevocationCheck): Promise<boolean>;
}
