import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

const generate = promisify(generateKeyPair);

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: Record<string, string>;
}

/** A fresh RS256 key pair for a pool, as PKCS#8 PEM plus its key id. Never shipped, always generated. */
export async function newSigningKey(): Promise<{ pem: string; kid: string }> {
  const { privateKey } = await generate('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { pem, kid: thumbprint(createPublicKey(privateKey)) };
}

/** Parses a stored key once; the KeyObject is what the signing hot path uses. */
export function loadSigningKey(pem: string, kid: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as { n: string; e: string };
  return { kid, privateKey, publicJwk: { alg: 'RS256', e: jwk.e, kid, kty: 'RSA', n: jwk.n, use: 'sig' } };
}

/** RFC 7638 thumbprint, base64: stable and unique per key, like the opaque kids AWS publishes. */
function thumbprint(publicKey: KeyObject): string {
  const { e, n } = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  return createHash('sha256')
    .update(JSON.stringify({ e, kty: 'RSA', n }))
    .digest('base64');
}
