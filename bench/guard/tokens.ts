import { createPublicKey, generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A made-up pool for the benchmark: its key pair, JWKS, and Cognito-shaped access tokens. */
export const POOL_ID = 'us-east-1_BenchPool1';
export const CLIENT_ID = 'benchclient00000000000001';
export const ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`;
export const JWKS_URI = `${ISSUER}/.well-known/jwks.json`;

export function benchPool() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKey: KeyObject = createPublicKey(privateKey);
  const kid = 'bench-key-1';
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  const jwks = { keys: [{ kid, alg: 'RS256', kty: 'RSA', use: 'sig', n: jwk.n, e: jwk.e }] };
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

  /** A fresh access token, as Cognito shapes them, valid for an hour. */
  function accessToken(): string {
    const now = Math.floor(Date.now() / 1000);
    const sub = randomUUID();
    const input = `${b64({ kid, alg: 'RS256' })}.${b64({
      sub,
      iss: ISSUER,
      client_id: CLIENT_ID,
      origin_jti: randomUUID(),
      event_id: randomUUID(),
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      auth_time: now,
      exp: now + 3600,
      iat: now,
      jti: randomUUID(),
      username: sub,
    })}`;
    return `${input}.${sign('RSA-SHA256', Buffer.from(input), privateKey).toString('base64url')}`;
  }

  return { publicKey, jwks, accessToken };
}

/** Serves the JWKS where an endpoint override expects it: `/<poolId>/.well-known/jwks.json`. */
export async function serveJwks(jwks: object): Promise<{ url: string; server: Server }> {
  const body = JSON.stringify(jwks);
  const server = createServer((req, res) => {
    if (req.url === `/${POOL_ID}/.well-known/jwks.json`) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
