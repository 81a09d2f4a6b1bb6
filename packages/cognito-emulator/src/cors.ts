/**
 * Which web origins may drive the emulator from a browser. By default only loopback origins
 * (`http(s)://localhost`, `127.0.0.0/8`, `[::1]`, any port): a page on the developer's machine, never
 * any site the developer happens to visit. `corsOrigins` adds exact origins, or `*` for any.
 */
export interface CorsPolicy {
  /** The value of `Access-Control-Allow-Origin` for this request's origin, or undefined when refused. */
  allow(origin: string): string | undefined;
}

const LOOPBACK_V4 = /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** Whether an origin is a loopback one: http or https to localhost, 127.0.0.0/8 or [::1]. */
export function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.origin !== origin.toLowerCase().replace(/\/$/, '')) return false;
  const host = url.hostname;
  return host === 'localhost' || host === '[::1]' || LOOPBACK_V4.test(host);
}

/** An origin as browsers send it: scheme, host and port, lower case, no path. */
export function normalizeOrigin(origin: string): string {
  if (origin === '*') return origin;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new Error(`Not an origin: ${origin} (expected e.g. https://app.example.com or *)`);
  }
  if (url.origin === 'null' || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new Error(`Not an origin: ${origin} (expected scheme://host[:port] only, or *)`);
  }
  return url.origin;
}

export function corsPolicy(configured: readonly string[] = []): CorsPolicy {
  const origins = new Set(configured.map(normalizeOrigin));
  const any = origins.has('*');
  return {
    allow(origin) {
      if (any) return '*';
      if (origins.has(origin) || isLoopbackOrigin(origin)) return origin;
      return undefined;
    },
  };
}
