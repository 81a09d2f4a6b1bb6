import { createHash, getDiffieHellman } from 'node:crypto';
import { createRequire } from 'node:module';
import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import * as identityJs from 'amazon-cognito-identity-js';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { type RunningEmulator, startEmulator } from 'cognito-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { derivedKey, K, modPow, N, padHex, passwordExponent, powG, scrambler } from '../src/srp/group.js';
import {
  devicePasswordVerifierResponses,
  deviceSrpAuthResponses,
  newDeviceSecret,
  passwordAuthenticationKey,
  passwordClaimSignature,
  type PasswordVerifierParameters,
  passwordVerifierResponses,
  srpA,
  srpClientKeys,
  SrpError,
  srpPoolName,
  srpTimestamp,
} from '../src/srp/index.js';

// amazon-cognito-identity-js's own helper, its big integers and the SHA-256 it signs with, as it
// ships them (the helper is exported but not typed; the others are resolved from the package).
interface JsbnInteger {
  toString(radix: number): string;
}
interface IdentityHelper {
  smallAValue: JsbnInteger;
  generateRandomString(): string;
  generateHashDevice(groupKey: string, deviceKey: string, callback: (error: unknown) => void): void;
  getSaltDevices(): string;
  getVerifierDevices(): string;
  getRandomPassword(): string;
  largeAValue: JsbnInteger | undefined;
  getLargeAValue(callback: (error: unknown, A: JsbnInteger) => void): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    B: JsbnInteger,
    salt: JsbnInteger,
    callback: (error: unknown, key: Buffer) => void,
  ): void;
  hash(text: string): string;
  hexHash(hex: string): string;
  padHex(value: JsbnInteger): string;
}
const { AuthenticationHelper, DateHelper } = identityJs as unknown as {
  AuthenticationHelper: new (poolName: string) => IdentityHelper;
  DateHelper: new () => { getNowString(): string };
};
const requireFromIdentityJs = createRequire(
  createRequire(import.meta.url).resolve('amazon-cognito-identity-js'),
);
const BigInteger = (
  requireFromIdentityJs('./BigInteger.js') as { default: new (hex: string, radix: number) => JsbnInteger }
).default;
const { Sha256 } = requireFromIdentityJs('@aws-crypto/sha256-js') as {
  Sha256: new (secret?: Uint8Array) => { update(data: Uint8Array): void; digestSync(): Uint8Array };
};

/** Deterministic "random" values: SHA-256 in counter mode over a label. */
function fixed(label: string, bytes: number): bigint {
  let hex = '';
  for (let i = 0; hex.length < bytes * 2; i++)
    hex += createHash('sha256').update(`${label}/${i}`).digest('hex');
  return BigInt(`0x${hex.slice(0, bytes * 2)}`);
}
const big = (value: bigint) => new BigInteger(value.toString(16), 16);

/** identity-js's helper with `a` fixed instead of its random one. */
function identityHelper(poolName: string, a: bigint): { helper: IdentityHelper; A: string } {
  const helper = new AuthenticationHelper(poolName);
  helper.smallAValue = big(a);
  helper.largeAValue = undefined;
  let A = '';
  helper.getLargeAValue((error, value) => {
    if (error) throw error as Error;
    A = value.toString(16);
  });
  return { helper, A };
}

const identityKey = (helper: IdentityHelper, user: string, password: string, B: bigint, salt: bigint) =>
  new Promise<Buffer>((resolve, reject) =>
    helper.getPasswordAuthenticationKey(user, password, big(B), big(salt), (error, key) =>
      error ? reject(error as Error) : resolve(Buffer.from(key)),
    ),
  );

/** The signature as CognitoUser.authenticateUserDefaultAuth computes it, with identity-js's SHA-256. */
function identitySignature(
  key: Buffer,
  poolName: string,
  user: string,
  secretBlock: string,
  timestamp: string,
) {
  const hmac = new Sha256(key);
  hmac.update(
    Buffer.concat([
      Buffer.from(poolName, 'utf8'),
      Buffer.from(user, 'utf8'),
      Buffer.from(secretBlock, 'base64'),
      Buffer.from(timestamp, 'utf8'),
    ]),
  );
  return Buffer.from(hmac.digestSync()).toString('base64');
}

describe('SRP client, cross-checked with amazon-cognito-identity-js (fixed random values)', () => {
  const cases = [
    { name: 'ascii', user: 'alice', password: 'Passw0rd!' },
    {
      name: 'uuid user, unicode password',
      user: '2f0c5b7e-2b7d-4c1a-9f38-6a2d1c0b9e11',
      password: 'pässwörd-✓-9',
    },
    { name: 'long password', user: 'bob@example.com', password: 'x'.repeat(200) },
    { name: 'high-bit salt', user: 'carol', password: 'Another-1' },
    { name: 'small values', user: 'dan', password: 'Small-1' },
  ];

  it.each(cases)('gives the same A, x, key and signature ($name)', async ({ name, user, password }) => {
    const poolName = 'AbCdEf123';
    const a = fixed(`${name}/a`, 128);
    // B a public value as a server makes it; a salt with its top bit set where the case asks.
    const B = name === 'small values' ? 5n : powG(fixed(`${name}/b`, 32));
    const salt =
      name === 'high-bit salt' ? fixed(`${name}/salt`, 16) | (1n << 127n) : fixed(`${name}/salt`, 16);
    const secretBlock = Buffer.from(`${name}/block`).toString('base64');

    const { helper, A } = identityHelper(poolName, a);
    const keys = srpClientKeys(a);
    expect(keys.A.toString(16)).toBe(A);
    expect(srpA(keys)).toBe(A);

    const identityX = helper.hexHash(
      helper.padHex(big(salt)) + helper.hash(`${poolName}${user}:${password}`),
    );
    expect(passwordExponent(poolName, user, password, salt)).toBe(BigInt(`0x${identityX}`));

    const key = passwordAuthenticationKey({ keys, B, salt, poolName, userId: user, password });
    expect(key.toString('hex')).toBe((await identityKey(helper, user, password, B, salt)).toString('hex'));

    const timestamp = 'Tue Mar 3 09:05:07 UTC 2026';
    expect(passwordClaimSignature(key, poolName, user, secretBlock, timestamp)).toBe(
      identitySignature(key, poolName, user, secretBlock, timestamp),
    );
  });

  describe('the TIMESTAMP', () => {
    afterEach(() => vi.useRealTimers());

    it.each(['2026-03-03T09:05:07Z', '2026-11-23T23:59:59Z', '2024-02-29T00:00:00Z', '2027-12-31T12:00:09Z'])(
      'is the same as DateHelper.getNowString at %s',
      (iso) => {
        vi.useFakeTimers({ now: new Date(iso), toFake: ['Date'] });
        expect(srpTimestamp(new Date(iso))).toBe(new DateHelper().getNowString());
      },
    );

    it('has no leading zero on the day and two digits on the time', () => {
      expect(srpTimestamp(new Date('2026-03-03T09:05:07Z'))).toBe('Tue Mar 3 09:05:07 UTC 2026');
    });
  });
});

describe('SRP client errors', () => {
  const keys = srpClientKeys(fixed('errors/a', 32));
  const input = { keys, salt: 1n, poolName: 'Pool', userId: 'u', password: 'p' };

  it('refuses B mod N = 0', () => {
    expect(() => passwordAuthenticationKey({ ...input, B: 0n })).toThrow(new SrpError('B mod N cannot be 0'));
    expect(() => passwordAuthenticationKey({ ...input, B: N })).toThrow(new SrpError('B mod N cannot be 0'));
    expect(() => passwordAuthenticationKey({ ...input, B: 2n * N })).toThrow(SrpError);
  });

  it('refuses a non-positive a, a malformed pool id, missing or non-hex challenge parameters', () => {
    expect(() => srpClientKeys(0n)).toThrow(new SrpError('a must be a positive integer'));
    expect(() => srpPoolName('nounderscore')).toThrow(SrpError);
    expect(() => srpPoolName('us-east-1_')).toThrow(SrpError);
    expect(srpPoolName('us-east-1_AbC')).toBe('AbC');
    const parameters = { SALT: 'abc', SRP_B: '05', SECRET_BLOCK: 'AAAA', USER_ID_FOR_SRP: 'u' };
    const answer = (p: Partial<PasswordVerifierParameters>) => () =>
      passwordVerifierResponses({
        userPoolId: 'us-east-1_Pool',
        password: 'p',
        keys,
        parameters: { ...parameters, ...p } as PasswordVerifierParameters,
      });
    expect(answer({ SRP_B: 'zz' })).toThrow(new SrpError('SRP_B is not a hexadecimal number'));
    expect(answer({ SALT: '' })).toThrow(new SrpError('PASSWORD_VERIFIER challenge without SALT'));
    expect(answer({ SECRET_BLOCK: undefined as unknown as string })).toThrow(
      new SrpError('PASSWORD_VERIFIER challenge without SECRET_BLOCK'),
    );
    expect(answer({})()).toMatchObject({ USERNAME: 'u', PASSWORD_CLAIM_SECRET_BLOCK: 'AAAA' });
  });
});

/** A BigInt square-and-multiply: the reference OpenSSL's answers are checked against. */
function referenceModPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let square = ((base % N) + N) % N;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * square) % N;
    square = (square * square) % N;
  }
  return result;
}

describe('modular exponentiation in OpenSSL', () => {
  const base = fixed('modpow/base', 384) % N;

  it.each([
    ['1', 1n],
    ['256 bits', fixed('modpow/e', 32)],
    ['N - 1 (the result is 1, a secret OpenSSL refuses)', N - 1n],
    ['(N - 1) / 2 (the result is 1 or N - 1)', (N - 1n) / 2n],
    ['N', N],
    ['larger than N', 5n * N + 7n],
    ['4,000 bits', (1n << 4000n) + 3n],
  ])('g^e and b^e are those of BigInt for an exponent of %s', (_, exponent) => {
    expect(powG(exponent)).toBe(referenceModPow(2n, exponent));
    expect(modPow(base, exponent)).toBe(referenceModPow(base, exponent));
  });

  it('works in RFC 3526 group 15 (the prime Node ships as modp15)', () => {
    expect(N).toBe(BigInt(`0x${getDiffieHellman('modp15').getPrime('hex')}`));
  });

  it('answers the bases OpenSSL refuses (0, 1, N - 1), bases of N or more, and exponent 0', () => {
    expect(modPow(0n, 5n)).toBe(0n);
    expect(modPow(1n, 5n)).toBe(1n);
    expect(modPow(N - 1n, 5n)).toBe(N - 1n);
    expect(modPow(N - 1n, 6n)).toBe(1n);
    expect(modPow(N + 3n, 5n)).toBe(243n);
    expect(modPow(-2n, 3n)).toBe(N - 8n);
    expect(modPow(base, 0n)).toBe(1n);
    expect(powG(0n)).toBe(1n);
    expect(() => modPow(base, -1n)).toThrow(RangeError);
    expect(() => powG(-1n)).toThrow(RangeError);
  });
});

const fixedBytes = (label: string, bytes: number) =>
  Buffer.from(
    fixed(label, bytes)
      .toString(16)
      .padStart(bytes * 2, '0'),
    'hex',
  );
const fromBase64 = (text: string) => BigInt(`0x${Buffer.from(text, 'base64').toString('hex')}`);

describe('device SRP, cross-checked with amazon-cognito-identity-js (fixed random values)', () => {
  const device = {
    deviceKey: 'us-east-1_6c4f2f0e-9a51-4d1b-8f8e-0b9a6c3d2e11',
    deviceGroupKey: '-Xk9pQ2rT',
  };
  afterEach(() => vi.restoreAllMocks());

  /**
   * generateHashDevice with its password and salt given (the password through the helper's own
   * generateRandomString, the salt through the random words it draws), and DeviceSecretVerifierConfig
   * as CognitoUser builds it from the result.
   */
  function identityDeviceSecret(devicePassword: string, salt: Buffer) {
    const helper = new AuthenticationHelper(device.deviceGroupKey);
    helper.generateRandomString = () => devicePassword;
    const words = [0, 4, 8, 12].map((offset) => salt.readUInt32BE(offset));
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(
      <T extends ArrayBufferView | null>(array: T): T => {
        (array as unknown as Uint32Array)[0] = words.shift()!;
        return array;
      },
    );
    helper.generateHashDevice(device.deviceGroupKey, device.deviceKey, (error) => {
      if (error) throw error as Error;
    });
    vi.restoreAllMocks();
    expect(words).toEqual([]);
    expect(helper.getRandomPassword()).toBe(devicePassword);
    return {
      Salt: Buffer.from(helper.getSaltDevices(), 'hex').toString('base64'),
      PasswordVerifier: Buffer.from(helper.getVerifierDevices(), 'hex').toString('base64'),
    };
  }

  it.each([
    ['an ordinary salt', (salt: Buffer) => void (salt[0] = 0x35)],
    ['a salt with its top bit set', (salt: Buffer) => void (salt[0] = 0xc1)],
    ['a salt with a leading zero byte', (salt: Buffer) => void (salt[0] = 0)],
  ])('DeviceSecretVerifierConfig is generateHashDevice’s (%s)', (name, shape) => {
    const devicePassword = fixedBytes(`${name}/password`, 40).toString('base64');
    const salt = fixedBytes(`${name}/salt`, 16);
    shape(salt);
    const ours = newDeviceSecret(device, { devicePassword, salt });
    expect(ours.devicePassword).toBe(devicePassword);
    expect(ours.verifierConfig).toEqual(identityDeviceSecret(devicePassword, salt));
  });

  it('answers DEVICE_PASSWORD_VERIFIER as CognitoUser.getDeviceResponse does, and a server holding only the verifier agrees', async () => {
    const { devicePassword, verifierConfig } = newDeviceSecret(device, {
      devicePassword: fixedBytes('device/password', 40).toString('base64'),
      salt: fixedBytes('device/salt', 16),
    });
    const salt = fromBase64(verifierConfig.Salt);
    const v = fromBase64(verifierConfig.PasswordVerifier);
    // The server's side: B = k·v + g^b.
    const b = fixed('device/b', 32);
    const B = (K * v + powG(b)) % N;
    const a = fixed('device/a', 128);
    const { helper, A } = identityHelper(device.deviceGroupKey, a);
    const keys = srpClientKeys(a);
    expect(deviceSrpAuthResponses({ username: 'user-sub', device, keys })).toEqual({
      USERNAME: 'user-sub',
      DEVICE_KEY: device.deviceKey,
      SRP_A: A,
    });

    const secretBlock = Buffer.from('device/block').toString('base64');
    const now = new Date('2026-03-03T09:05:07Z');
    const parameters = {
      SALT: padHex(salt),
      SRP_B: B.toString(16),
      SECRET_BLOCK: secretBlock,
      USERNAME: 'user-sub',
      DEVICE_KEY: device.deviceKey,
    };
    const answer = devicePasswordVerifierResponses({ device, devicePassword, keys, parameters, now });
    const key = await identityKey(helper, device.deviceKey, devicePassword, B, salt);
    const timestamp = 'Tue Mar 3 09:05:07 UTC 2026';
    expect(answer).toEqual({
      USERNAME: 'user-sub',
      DEVICE_KEY: device.deviceKey,
      PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
      PASSWORD_CLAIM_SIGNATURE: identitySignature(
        key,
        device.deviceGroupKey,
        device.deviceKey,
        secretBlock,
        timestamp,
      ),
      TIMESTAMP: timestamp,
    });
    // The server's key from the verifier alone: S = (A · v^u)^b.
    const u = scrambler(keys.A, B);
    const serverKey = derivedKey(modPow((keys.A * modPow(v, u)) % N, b), u);
    expect(serverKey.toString('hex')).toBe(key.toString('hex'));
  });

  it('makes a new 40-byte password and 16-byte salt each time', () => {
    const one = newDeviceSecret(device);
    const two = newDeviceSecret(device);
    expect(Buffer.from(one.devicePassword, 'base64')).toHaveLength(40);
    expect(one.devicePassword).not.toBe(two.devicePassword);
    expect(one.verifierConfig.Salt).not.toBe(two.verifierConfig.Salt);
    expect(Buffer.from(one.verifierConfig.Salt, 'base64').length).toBeLessThanOrEqual(17);
    const x = passwordExponent(
      device.deviceGroupKey,
      device.deviceKey,
      one.devicePassword,
      fromBase64(one.verifierConfig.Salt),
    );
    expect(fromBase64(one.verifierConfig.PasswordVerifier)).toBe(powG(x));
  });
});

describe('device SRP errors', () => {
  const device = { deviceKey: 'us-east-1_device', deviceGroupKey: '-group' };
  const keys = srpClientKeys(fixed('device-errors/a', 32));
  const parameters = { SALT: 'abc', SRP_B: '05', SECRET_BLOCK: 'AAAA', USERNAME: 'user' };
  const answer = (changes: {
    parameters?: Partial<typeof parameters> & { DEVICE_KEY?: string };
    username?: string;
    devicePassword?: string;
  }) =>
    devicePasswordVerifierResponses({
      device,
      devicePassword: changes.devicePassword ?? 'secret',
      keys,
      parameters: { ...parameters, ...changes.parameters } as typeof parameters,
      ...(changes.username === undefined ? {} : { username: changes.username }),
    });

  it('refuses empty device keys, password or salt', () => {
    expect(() => newDeviceSecret({ ...device, deviceKey: '' })).toThrow(new SrpError('deviceKey is empty'));
    expect(() => newDeviceSecret({ ...device, deviceGroupKey: '' })).toThrow(
      new SrpError('deviceGroupKey is empty'),
    );
    expect(() => newDeviceSecret(device, { devicePassword: '' })).toThrow(
      new SrpError('devicePassword is empty'),
    );
    expect(() => newDeviceSecret(device, { salt: Buffer.alloc(0) })).toThrow(new SrpError('salt is empty'));
    expect(() => answer({ devicePassword: '' })).toThrow(new SrpError('devicePassword is empty'));
    expect(() => deviceSrpAuthResponses({ username: '', device, keys })).toThrow(
      new SrpError('username is empty'),
    );
    expect(() =>
      deviceSrpAuthResponses({ username: 'u', device: { ...device, deviceKey: '' }, keys }),
    ).toThrow(new SrpError('deviceKey is empty'));
  });

  it('refuses a challenge without its values, with non-hex values, or for another device', () => {
    expect(() => answer({ parameters: { SALT: '' } })).toThrow(
      new SrpError('DEVICE_PASSWORD_VERIFIER challenge without SALT'),
    );
    expect(() => answer({ parameters: { SECRET_BLOCK: undefined } })).toThrow(
      new SrpError('DEVICE_PASSWORD_VERIFIER challenge without SECRET_BLOCK'),
    );
    expect(() => answer({ parameters: { SRP_B: '0x5' } })).toThrow(
      new SrpError('SRP_B is not a hexadecimal number'),
    );
    expect(() => answer({ parameters: { SALT: 'salt' } })).toThrow(
      new SrpError('SALT is not a hexadecimal number'),
    );
    expect(() => answer({ parameters: { SRP_B: N.toString(16) } })).toThrow(
      new SrpError('B mod N cannot be 0'),
    );
    expect(() => answer({ parameters: { DEVICE_KEY: 'us-east-1_other' } })).toThrow(
      new SrpError('DEVICE_PASSWORD_VERIFIER challenge for another device'),
    );
  });

  it('takes USERNAME from the challenge, else from the caller, else refuses', () => {
    expect(answer({ username: 'caller' }).USERNAME).toBe('user');
    expect(answer({ parameters: { USERNAME: undefined }, username: 'caller' }).USERNAME).toBe('caller');
    expect(() => answer({ parameters: { USERNAME: undefined } })).toThrow(
      new SrpError('DEVICE_PASSWORD_VERIFIER challenge without USERNAME (and no username given)'),
    );
    expect(answer({ parameters: { DEVICE_KEY: device.deviceKey } })).toMatchObject({
      DEVICE_KEY: device.deviceKey,
      PASSWORD_CLAIM_SECRET_BLOCK: 'AAAA',
    });
  });
});

describe('SRP client against the emulator over the AWS SDK', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;
  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      seed: {
        pools: [
          {
            name: 'srp',
            settings: { UsernameAttributes: ['email'] },
            clients: [
              {
                name: 'console-default',
                settings: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
              },
            ],
            users: [{ username: 'srp@example.com', password: 'Correct-horse-9' }],
          },
        ],
      },
    });
    cognito = new CognitoIdentityProvider({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' },
      maxAttempts: 1,
    });
  });
  afterAll(() => emulator.stop());

  it('InitiateAuth USER_SRP_AUTH, then RespondToAuthChallenge: tokens that verify', async () => {
    const { id: userPoolId, clients } = emulator.pools.srp!;
    const clientId = clients['console-default']!.id;
    const keys = srpClientKeys();
    const challenge = await cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: 'srp@example.com', SRP_A: srpA(keys) },
    });
    expect(challenge.ChallengeName).toBe('PASSWORD_VERIFIER');
    const { AuthenticationResult } = await cognito.respondToAuthChallenge({
      ClientId: clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: {
        ...passwordVerifierResponses({
          userPoolId,
          password: 'Correct-horse-9',
          keys,
          parameters: challenge.ChallengeParameters as unknown as PasswordVerifierParameters,
        }),
      },
    });
    const verifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'access', clientId });
    verifier.cacheJwks(
      await (await fetch(`${emulator.endpoint}/${userPoolId}/.well-known/jwks.json`)).json(),
    );
    const access = await verifier.verify(AuthenticationResult!.AccessToken!);
    expect(access.username).toBe(challenge.ChallengeParameters!.USER_ID_FOR_SRP);
  });
});
