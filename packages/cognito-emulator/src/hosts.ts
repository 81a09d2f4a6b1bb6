/**
 * Which `Host` names the emulator answers to (against DNS rebinding: a page on `evil.example` whose
 * name is made to resolve to 127.0.0.1 makes same-origin requests, with no `Origin`, that the CORS
 * check never sees; their `Host` still names `evil.example`). Always allowed, any port: loopback
 * names (`localhost`, `*.localhost`, `127.0.0.0/8`, `[::1]`), the address the emulator listens on
 * (unless a wildcard: `0.0.0.0`, `::`) and the hosts of configured CORS origins; `allowedHosts`
 * adds names (a Docker service name, a LAN address), `*` any.
 */
export interface HostPolicy {
  /** Whether a request whose `Host` header (and absolute-form target host, if any) is this may be served. */
  allow(host: string | undefined): boolean;
}

export interface HostPolicyOptions {
  /** The address the server listens on. */
  listenHost: string;
  /** Configured CORS origins (normalized; `*` ignored here). */
  corsOrigins?: readonly string[];
  /** Extra host names (or addresses) to answer to; `*` for any. */
  allowedHosts?: readonly string[];
}

const LOOPBACK_V4 = /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '[::]', '[::0]', '[0:0:0:0:0:0:0:0]']);

/** The host name of a `Host` header value (`name[:port]`, `[v6][:port]`), lower case; undefined if malformed. */
export function hostnameOf(host: string): string | undefined {
  if (host === '' || /[\s/?#@\\]/.test(host)) return undefined;
  try {
    const url = new URL(`http://${host}`);
    return url.hostname === '' ? undefined : url.hostname.replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

/** Whether a host name (as `hostnameOf` gives it) is a loopback one. */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    LOOPBACK_V4.test(hostname)
  );
}

/** Whether a listen address means every interface. */
export function isWildcardAddress(address: string): boolean {
  return WILDCARD_ADDRESSES.has(hostnameOf(address.includes(':') ? `[${address}]` : address) ?? '');
}

/** A configured allowed host: a name or address, optionally with a port (ignored), or `*`. */
export function normalizeAllowedHost(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '*') return trimmed;
  const bareV6 = trimmed.includes(':') && !trimmed.startsWith('[') && trimmed.split(':').length > 2;
  const hostname = hostnameOf(bareV6 ? `[${trimmed}]` : trimmed);
  if (!hostname) throw new Error(`Not a host name: ${value} (expected e.g. cognito, 192.168.1.20 or *)`);
  return hostname;
}

export function hostPolicy(options: HostPolicyOptions): HostPolicy {
  const allowed = new Set((options.allowedHosts ?? []).map(normalizeAllowedHost));
  const any = allowed.has('*');
  if (!isWildcardAddress(options.listenHost)) allowed.add(normalizeAllowedHost(options.listenHost));
  for (const origin of options.corsOrigins ?? []) {
    if (origin !== '*') allowed.add(new URL(origin).hostname);
  }
  return {
    allow(host) {
      if (any || host === undefined) return true;
      const hostname = hostnameOf(host);
      if (hostname === undefined) return false;
      return isLoopbackHost(hostname) || allowed.has(hostname);
    },
  };
}
