/**
 * The `scope` claim of an access token this process just received from the emulator (read, not
 * verified: the application's guard verifies it).
 */
export function scopesOfToken(token: string): string[] {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
    scope?: unknown;
  };
  return typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
}
