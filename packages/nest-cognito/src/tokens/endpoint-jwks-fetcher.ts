import type { Fetcher } from 'aws-jwt-verify/https';

/**
 * Fetches JWKS from a Cognito-compatible endpoint instead of AWS: the verifier asks for
 * `https://cognito-idp.<region>.amazonaws.com/<poolId>/.well-known/jwks.json` and this fetches
 * `<endpoint>/<poolId>/.well-known/jwks.json`. Tokens keep AWS's issuer, so every other check is
 * the one that runs against AWS.
 */
export class EndpointJwksFetcher implements Fetcher {
  constructor(
    private readonly endpoint: string,
    private readonly timeoutMs = 3000,
  ) {}

  async fetch(uri: string): Promise<ArrayBuffer> {
    const url = `${this.endpoint}${new URL(uri).pathname}`;
    const response = await globalThis.fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!response.ok) throw new Error(`JWKS fetch from ${url} failed with status ${response.status}`);
    return response.arrayBuffer();
  }
}
