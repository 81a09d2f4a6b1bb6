import { assertIsJwks, type Jwks } from 'aws-jwt-verify/jwk';

/** The most a JWKS answer may weigh; Cognito's are about 1 KB. */
const MAX_JWKS_BYTES = 64 * 1024;

/** Fetches one pool's JWKS, given the URI `aws-jwt-verify` derives from the issuer. */
export type JwksFetcher = (jwksUri: string) => Promise<Jwks>;

/**
 * Where a pool's JWKS is really fetched from: AWS's URI as `aws-jwt-verify` derives it from the
 * issuer, or, with an endpoint override (an emulator), `<endpoint>/<poolId>/.well-known/jwks.json`.
 */
export function jwksUrl(endpoint: string | undefined, jwksUri: string): string {
  return endpoint ? `${endpoint.replace(/\/+$/, '')}${new URL(jwksUri).pathname}` : jwksUri;
}

/**
 * A function that fetches a pool's JWKS from `jwksUrl(endpoint, jwksUri)`. Tokens keep AWS's
 * issuer, so every other check is the one that runs against AWS. Every failure names the URL
 * really fetched, so that a warning points at the right host.
 */
export function jwksFetcher(endpoint: string | undefined, timeoutMs: number): JwksFetcher {
  return async (jwksUri) => {
    const url = jwksUrl(endpoint, jwksUri);
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    } catch (error) {
      throw new Error(`JWKS fetch from ${url} failed: ${reason(error)}`, { cause: error });
    }
    if (!response.ok) throw new Error(`JWKS fetch from ${url} failed with status ${response.status}`);
    const body = await response.arrayBuffer();
    if (body.byteLength > MAX_JWKS_BYTES) throw new Error(`JWKS from ${url} is too large`);
    let jwks: unknown;
    try {
      jwks = JSON.parse(new TextDecoder().decode(body));
      assertIsJwks(jwks as never);
    } catch (error) {
      throw new Error(`JWKS from ${url} is not a valid JWKS: ${reason(error)}`, { cause: error });
    }
    return jwks as Jwks;
  };
}

/** The innermost useful words of a network error (`fetch failed` hides `ECONNREFUSED` in its cause). */
function reason(error: unknown): string {
  const e = error as { name?: string; message?: string; code?: string; cause?: unknown };
  if (e?.name === 'TimeoutError') return 'timed out';
  const cause = e?.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? e?.code ?? e?.message ?? String(error);
}
