import type { IncomingMessage } from 'node:http';

/** The cookies of a request, by name (the first of a name wins); values are not decoded. */
export function cookiesOf(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/**
 * A `Set-Cookie` of the managed login: HttpOnly (no script reads it), SameSite=Lax (sent on the
 * top-level navigations of a sign-in, not on cross-site posts), for the whole emulator. Not
 * `Secure`: the emulator speaks plain HTTP on loopback.
 */
export function cookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax`;
}

/** A `Set-Cookie` that removes a cookie. */
export const clearedCookie = (name: string): string => cookie(name, '', 0);
