/*
 * Cross-site request forgery protection of cookie-authenticated requests, by where the request
 * comes from rather than by a token: browsers say it themselves in `Sec-Fetch-Site` (every
 * current browser) and `Origin` (on every cross-origin POST, PUT, PATCH, DELETE). This is the
 * scheme of Go's `http.CrossOriginProtection` and OWASP's "Fetch Metadata" defence: nothing for
 * pages to send, HTML forms keep working, and there is no token to leak or keep in step. The
 * session cookies are also SameSite, so a cross-site request usually arrives without them anyway.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** Whether a request's method changes nothing (RFC 9110 §9.2.1), so that it needs no origin check. */
export const isSafeMethod = (method: string | undefined): boolean =>
  SAFE_METHODS.has((method ?? 'GET').toUpperCase());

/**
 * Whether a browser sent this request from a page of another origin (not one of `trustedOrigins`).
 * - `Sec-Fetch-Site: same-origin` or `none` (typed in, a bookmark): its own;
 * - any other `Sec-Fetch-Site` (`same-site`, `cross-site`): cross-origin unless `Origin` is trusted;
 * - no `Sec-Fetch-Site` (an older browser): `Origin` must be this host or trusted; without
 *   `Origin` the request is not from a browser page (curl, a server) and carries its own cookies.
 */
export function isCrossOrigin(
  headers: Record<string, string | string[] | undefined>,
  trustedOrigins: readonly string[],
): boolean {
  const site = single(headers['sec-fetch-site'])?.toLowerCase();
  const origin = single(headers.origin);
  if (site === 'same-origin' || site === 'none') return false;
  if (origin !== undefined && trustedOrigins.includes(origin)) return false;
  if (site !== undefined) return true;
  if (origin === undefined) return false;
  return hostOf(origin) !== single(headers.host)?.toLowerCase();
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? (value.length === 1 ? value[0] : '') : value;
}

function hostOf(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? undefined : url.host.toLowerCase();
  } catch {
    return undefined;
  }
}
