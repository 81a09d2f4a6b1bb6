/*
 * Cookies without a cookie parser: the web login reads the Cookie header itself and writes
 * Set-Cookie on whatever response object it is given (Express, Fastify's reply, or Node's
 * ServerResponse, which Nest middleware gets under Fastify), so that no plugin is required.
 */

export interface CookieAttributes {
  path: string;
  domain?: string;
  secure: boolean;
  sameSite: 'Lax' | 'Strict';
  /** Seconds; 0 deletes the cookie. Absent: a session cookie. */
  maxAge?: number;
}

/** The request fields the web login reads (same on Express, Fastify and Node). */
export interface CookieRequest {
  method?: string;
  headers: Record<string, string | string[] | undefined>;
  /** Set by cookie-parser on Express; kept in step when the web login replaces a cookie. */
  cookies?: Record<string, string | undefined>;
}

/** Any response the web login writes cookies on. */
export interface CookieResponse {
  /** Express. */
  append?: (name: string, value: string[]) => unknown;
  /** Fastify's reply (appends Set-Cookie) or Express (replaces). */
  header?: (name: string, value: string) => unknown;
  /** Node's ServerResponse (and Express, which extends it). */
  getHeader?: (name: string) => number | string | string[] | undefined;
  setHeader?: (name: string, value: string[]) => unknown;
  /** Fastify's reply. */
  raw?: unknown;
}

/** The cookies of a Cookie header (the first of each name wins, as browsers send the most specific first). */
export function parseCookies(header: string | string[] | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  const value = Array.isArray(header) ? header.join('; ') : header;
  if (!value) return cookies;
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, decode(part.slice(eq + 1).trim()));
  }
  return cookies;
}

/** A Set-Cookie value; always HttpOnly (no cookie of the web login is for scripts). */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${attributes.path}`];
  if (attributes.domain) parts.push(`Domain=${attributes.domain}`);
  if (attributes.maxAge !== undefined) {
    parts.push(`Max-Age=${attributes.maxAge}`);
    if (attributes.maxAge === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  }
  parts.push('HttpOnly');
  if (attributes.secure) parts.push('Secure');
  parts.push(`SameSite=${attributes.sameSite}`);
  return parts.join('; ');
}

/** Adds Set-Cookie values to a response, keeping those already set. */
export function appendSetCookies(response: CookieResponse, values: string[]): void {
  if (values.length === 0) return;
  if (typeof response.append === 'function') {
    response.append('Set-Cookie', values);
  } else if (response.raw !== undefined && typeof response.header === 'function') {
    for (const value of values) response.header('set-cookie', value);
  } else if (typeof response.getHeader === 'function' && typeof response.setHeader === 'function') {
    const existing = response.getHeader('set-cookie');
    const before = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
    response.setHeader('set-cookie', [...before, ...values]);
  } else {
    throw new Error('CognitoWebLoginModule cannot set cookies on this kind of response');
  }
}

/**
 * Makes the request look as if the browser had sent these cookie values (undefined: not sent), so
 * that whatever reads cookies next (the guard, cookie-parser's `req.cookies`) sees them.
 */
export function replaceRequestCookies(
  request: CookieRequest,
  values: Record<string, string | undefined>,
): void {
  const header = request.headers.cookie;
  const raw = (Array.isArray(header) ? header.join('; ') : (header ?? '')).split(';');
  // Other cookies keep their bytes: only the named ones are taken out and put back.
  const kept = raw.filter((part) => {
    const eq = part.indexOf('=');
    return part.trim() !== '' && !(eq > 0 && Object.hasOwn(values, part.slice(0, eq).trim()));
  });
  const parts = kept.map((part) => part.trim());
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) parts.push(`${name}=${encodeURIComponent(value)}`);
    if (request.cookies && typeof request.cookies === 'object') {
      if (value === undefined) delete request.cookies[name];
      else request.cookies[name] = value;
    }
  }
  if (parts.length > 0) request.headers.cookie = parts.join('; ');
  else delete request.headers.cookie;
}

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
