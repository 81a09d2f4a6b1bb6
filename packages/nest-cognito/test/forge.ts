import { createPublicKey, generateKeyPairSync, type KeyObject, sign, createHmac } from 'node:crypto';
import type { RunningEmulator } from 'cognito-emulator';
import { poolSigningKey } from './emulator-keys.js';

/**
 * Tokens an attacker would send, made in the test: signed with the emulator pool's real key (so
 * that only the claims are wrong), with a stranger's key, with HS256 over the public key, or not
 * signed at all.
 */
export function forger(emulator: RunningEmulator, poolId: string) {
  const key = poolSigningKey(emulator, poolId);
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claimsOf = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

  function rs256(header: object, payload: object, privateKey: KeyObject = key.privateKey): string {
    const input = `${b64(header)}.${b64(payload)}`;
    return `${input}.${sign('RSA-SHA256', Buffer.from(input), privateKey).toString('base64url')}`;
  }

  return {
    kid: key.kid,
    claimsOf,
    /** A token with these claims, signed by the pool's own key. */
    signed: (payload: object, header: object = {}) =>
      rs256({ alg: 'RS256', kid: key.kid, ...header }, payload),
    /** Signed by a key the pool never published, under the given kid. */
    stranger: (payload: object, kid = 'stranger-kid') => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      return rs256({ alg: 'RS256', kid }, payload, privateKey);
    },
    /** `alg: none`, no signature. */
    unsigned: (payload: object) => `${b64({ alg: 'none', kid: key.kid })}.${b64(payload)}.`,
    /** HS256 with the pool's public key (PEM) as the HMAC secret: the classic key-confusion attack. */
    hs256WithPublicKey: (payload: object) => {
      const pem = createPublicKey(key.privateKey).export({ format: 'pem', type: 'spki' }).toString();
      const input = `${b64({ alg: 'HS256', kid: key.kid })}.${b64(payload)}`;
      return `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
    },
  };
}
