import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import * as identityJs from 'amazon-cognito-identity-js';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { type RunningEmulator, startEmulator } from 'cognito-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { N, passwordExponent, powG } from '../src/srp/group.js';
import {
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
