/**
 * The claims of a JWT, read without verifying it: for tokens Cognito has just accepted (sign-out,
 * account deletion), whose claims say what to record. Never a substitute for verification.
 */
export function readClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
