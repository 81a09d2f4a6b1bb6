import { assertIsJwks, type Jwks } from 'aws-jwt-verify/jwk';

/** The most a JWKS answer may weigh; Cognito's are about 1 KB. */
const MAX_JWKS_BYTES = 64 * 1024;

/**
 * A function that fetches a pool's JWKS: from AWS at the URI `aws-jwt-verify` asks for, or, with an
 * endpoint override (an emulator), from `<endpoint>/<poolId>/.well-known/jwks.json`. Tokens keep
 * AWS's issuer, so every other check is the one that runs against AWS.
 */
/** Fetches one pool's JWKS, given the URI `aws-jwt-verify` derives from the issuer. */
export type JwksFetcher = (jwksUri: string) => Promise<Jwks>;

export function jwksFetcher(
  endpoint: string | undefined,
  timeoutMs: number,
): (jwksUri: string) => Promise<Jwks> {
  return async (jwksUri) => {
    const url = endpoint ? `${endpoint}${new URL(jwksUri).pathname}` : jwksUri;
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    if (!response.ok) throw new Error(`JWKS fetch from ${url} failed with status ${response.status}`);
    const body = await response.arrayBuffer();
    if (body.byteLength > MAX_JWKS_BYTES) throw new Error(`JWKS from ${url} is too large`);
    const jwks: unknown = JSON.parse(new TextDecoder().decode(body));
    assertIsJwks(jwks as never);
    return jwks as Jwks;
  };
}
