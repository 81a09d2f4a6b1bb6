import { describe, expect, it } from 'vitest';
import { CognitoJwksCache } from '../src/tokens/jwks-cache.js';
import { VerifiedTokenCache } from '../src/tokens/verified-token-cache.js';

const jwt = (kid: unknown) => ({ header: { alg: 'RS256', kid }, payload: {} }) as never;
const jwks = (...kids: string[]) => ({
  keys: kids.map((kid) => ({ kid, kty: 'RSA', n: `n-${kid}`, e: 'AQAB', alg: 'RS256', use: 'sig' })),
});

describe('VerifiedTokenCache', () => {
  it('answers until the token’s exp, and never past its maximum lifetime', () => {
    let now = 1_000_000_000_000;
    const cache = new VerifiedTokenCache<string>(10, 60_000, 0, () => now);
    cache.set('a', 'A', now / 1000 + 30);
    cache.set('b', 'B', now / 1000 + 3600);
    expect(cache.get('a')).toBe('A');
    now += 31_000;
    expect(cache.get('a')).toBeUndefined(); // its exp passed
    expect(cache.get('b')).toBe('B');
    now += 30_000;
    expect(cache.get('b')).toBeUndefined(); // the 60 s maximum passed
  });

  it('is bounded, evicting the least recently used', () => {
    const cache = new VerifiedTokenCache<string>(2, 60_000);
    const exp = Date.now() / 1000 + 600;
    cache.set('a', 'A', exp);
    cache.set('b', 'B', exp);
    expect(cache.get('a')).toBe('A'); // a is now the most recent
    cache.set('c', 'C', exp);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.get('c')).toBe('C');
  });

  it('keeps nothing already expired, nothing when disabled, and empties on clear()', () => {
    const cache = new VerifiedTokenCache<string>(10, 60_000);
    cache.set('old', 'X', Date.now() / 1000 - 1);
    expect(cache.size).toBe(0);
    const off = new VerifiedTokenCache<string>(0, 60_000);
    off.set('a', 'A', Date.now() / 1000 + 60);
    expect(off.get('a')).toBeUndefined();
    cache.set('a', 'A', Date.now() / 1000 + 60);
    cache.clear();
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('CognitoJwksCache', () => {
  it('refetches for an unknown kid at most once per interval, failures included', async () => {
    let now = 0;
    let calls = 0;
    let fail = true;
    const cache = new CognitoJwksCache({
      fetch: async () => {
        calls++;
        if (fail) throw new Error('down');
        return jwks('k1');
      },
      minRefetchIntervalMs: 10_000,
      now: () => now,
    });
    await expect(cache.getJwk('u', jwt('k1'))).rejects.toThrow('down');
    await expect(cache.getJwk('u', jwt('k1'))).rejects.toThrow(/Not refetching/);
    expect(calls).toBe(1);
    fail = false;
    now += 10_000;
    expect((await cache.getJwk('u', jwt('k1'))).kid).toBe('k1');
    await expect(cache.getJwk('u', jwt('k2'))).rejects.toThrow(/Not refetching/);
    expect(calls).toBe(2);
  });

  it('shares one fetch among concurrent lookups', async () => {
    let calls = 0;
    const cache = new CognitoJwksCache({
      fetch: async () => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 10));
        return jwks('k1');
      },
      minRefetchIntervalMs: 0,
    });
    await Promise.all(Array.from({ length: 20 }, () => cache.getJwk('u', jwt('k1'))));
    expect(calls).toBe(1);
  });

  it('refuses a token without a usable kid, and tells listeners when the keys change', async () => {
    const cache = new CognitoJwksCache({ fetch: async () => jwks('k1'), minRefetchIntervalMs: 0 });
    await expect(cache.getJwk('u', jwt(undefined))).rejects.toThrow(/kid/);
    await expect(cache.getJwk('u', jwt(42))).rejects.toThrow(/kid/);
    let changes = 0;
    cache.onKeysChanged(() => changes++);
    cache.addJwks('u', jwks('k1'));
    cache.addJwks('u', jwks('k1'));
    expect(changes).toBe(0);
    cache.addJwks('u', jwks('k1', 'k2'));
    expect(changes).toBe(1);
    expect(cache.getCachedJwk('u', jwt('k2')).kid).toBe('k2');
    expect(() => cache.getCachedJwk('u', jwt('k3'))).toThrow(/not found/);
  });
});
