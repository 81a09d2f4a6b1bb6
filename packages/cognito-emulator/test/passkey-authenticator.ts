import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { type RunningEmulator } from '../src/index.js';
import { contextOf } from '../src/start.js';
import { PASSWORD } from './helpers.js';

/**
 * A software passkey authenticator for tests: what a browser and a platform authenticator together
 * hand a site from `navigator.credentials.create()` and `.get()`, serialized as `toJSON()` does
 * (RegistrationResponseJSON and AuthenticationResponseJSON). ES256 keys from node:crypto, `none`
 * attestation in CBOR, authenticator data with the UP/UV/AT flags and a signature counter.
 */

/** The options StartWebAuthnRegistration answers (the members this authenticator reads). */
export interface CreationOptions {
  challenge: string;
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: { type: string; alg: number }[];
  excludeCredentials?: { id: string; type: string }[];
  authenticatorSelection?: { userVerification?: string };
}

/** The options of a WEB_AUTHN challenge (`CREDENTIAL_REQUEST_OPTIONS`). */
export interface RequestOptions {
  challenge: string;
  rpId: string;
  allowCredentials?: { id: string; type: string }[];
  userVerification?: string;
}

/** How one ceremony departs from an honest one, for the tests of each refusal. */
export interface Ceremony {
  /** The page's origin (clientDataJSON `origin`); default `http://localhost:3000`. */
  origin?: string;
  /** The relying party hashed into the authenticator data; default the options' one. */
  rpId?: string;
  /** Whether the user was verified (flag UV); default true. */
  userVerified?: boolean;
  /** The challenge signed instead of the options' one. */
  challenge?: string;
  /** The `type` in clientDataJSON; default `webauthn.create` / `webauthn.get`. */
  type?: string;
  /** The id a new credential gets (base64url); default 16 random bytes. */
  credentialId?: string;
}

interface StoredKey {
  privateKey: KeyObject;
  rpId: string;
  userHandle: string;
  counter: number;
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

/** The AAGUID this authenticator reports (any fixed 16 bytes). */
export const TEST_AAGUID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

export class SoftwareAuthenticator {
  private readonly keys = new Map<string, StoredKey>();

  /** The ids of the credentials this authenticator holds. */
  get credentialIds(): string[] {
    return [...this.keys.keys()];
  }

  /** Sets a credential's signature counter (to make one go backwards). */
  setCounter(credentialId: string, counter: number): void {
    this.key(credentialId).counter = counter;
  }

  /** `navigator.credentials.create()` then `toJSON()`: a new ES256 credential for the options' user. */
  create(options: CreationOptions, ceremony: Ceremony = {}) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const credentialId = ceremony.credentialId
      ? Buffer.from(ceremony.credentialId, 'base64url')
      : randomBytes(16);
    const id = credentialId.toString('base64url');
    const rpId = ceremony.rpId ?? options.rp.id;
    this.keys.set(id, { privateKey, rpId, userHandle: options.user.id, counter: 0 });
    const attested = Buffer.concat([
      uuidBytes(TEST_AAGUID),
      uint16(credentialId.length),
      credentialId,
      coseKeyOf(publicKey),
    ]);
    const authData = authenticatorData(rpId, flags(ceremony, FLAG_AT), 0, attested);
    const clientDataJSON = clientData('webauthn.create', options.challenge, ceremony);
    return {
      id,
      rawId: id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: { credProps: { rk: true } },
      response: {
        clientDataJSON,
        attestationObject: cbor(
          new Map<string, unknown>([
            ['fmt', 'none'],
            ['attStmt', new Map()],
            ['authData', authData],
          ]),
        ).toString('base64url'),
        transports: ['internal', 'hybrid'],
        publicKeyAlgorithm: -7,
        authenticatorData: authData.toString('base64url'),
      },
    };
  }

  /**
   * `navigator.credentials.get()` then `toJSON()`: an assertion by `credentialId` (default: the
   * first credential the options allow that this authenticator holds), its counter moved on by one.
   */
  get(options: RequestOptions, ceremony: Ceremony = {}, credentialId?: string) {
    const id = credentialId ?? options.allowCredentials?.find((c) => this.keys.has(c.id))?.id;
    if (!id) throw new Error('no credential of this authenticator is allowed');
    const key = this.key(id);
    key.counter += 1;
    const authData = authenticatorData(ceremony.rpId ?? key.rpId, flags(ceremony, 0), key.counter);
    const clientDataJSON = clientData('webauthn.get', options.challenge, ceremony);
    const signed = Buffer.concat([authData, sha256(Buffer.from(clientDataJSON, 'base64url'))]);
    return {
      id,
      rawId: id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON,
        authenticatorData: authData.toString('base64url'),
        signature: sign('sha256', signed, key.privateKey).toString('base64url'),
        userHandle: key.userHandle,
      },
    };
  }

  private key(id: string): StoredKey {
    const key = this.keys.get(id);
    if (!key) throw new Error(`no credential ${id}`);
    return key;
  }
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

const uint16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);

const uuidBytes = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');

function flags(ceremony: Ceremony, extra: number): number {
  return FLAG_UP | (ceremony.userVerified === false ? 0 : FLAG_UV) | extra;
}

/** rpIdHash | flags | signCount (big-endian) | attested credential data (registration only). */
function authenticatorData(rpId: string, flagBits: number, counter: number, attested?: Buffer): Buffer {
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter);
  return Buffer.concat([sha256(rpId), Buffer.from([flagBits]), count, ...(attested ? [attested] : [])]);
}

function clientData(type: string, challenge: string, ceremony: Ceremony): string {
  return Buffer.from(
    JSON.stringify({
      type: ceremony.type ?? type,
      challenge: ceremony.challenge ?? challenge,
      origin: ceremony.origin ?? 'http://localhost:3000',
      crossOrigin: false,
    }),
  ).toString('base64url');
}

/** The COSE_Key of a P-256 public key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y. */
function coseKeyOf(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  return cbor(
    new Map<number, unknown>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]),
  );
}

/**
 * CBOR (RFC 8949) for the few types WebAuthn needs here: integers, byte strings, text strings and
 * maps (keys in the order given, which is canonical for the maps above).
 */
export function cbor(value: unknown): Buffer {
  if (typeof value === 'number') {
    return value >= 0 ? head(0, value) : head(1, -1 - value);
  }
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (typeof value === 'string') {
    const text = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, text.length), text]);
  }
  if (value instanceof Map) {
    const entries = [...value.entries()].flatMap(([k, v]) => [cbor(k), cbor(v)]);
    return Buffer.concat([head(5, value.size), ...entries]);
  }
  throw new Error(`cbor: unsupported value ${String(value)}`);
}

/** A CBOR item head: the major type and its argument, in the shortest form. */
function head(major: number, argument: number): Buffer {
  const type = major << 5;
  if (argument < 24) return Buffer.from([type | argument]);
  if (argument < 0x100) return Buffer.from([type | 24, argument]);
  if (argument < 0x10000) return Buffer.from([type | 25, argument >> 8, argument & 0xff]);
  const long = Buffer.alloc(5);
  long[0] = type | 26;
  long.writeUInt32BE(argument, 1);
  return long;
}

// ---- Pools and users for the passkey tests ----

/**
 * A pool (email as user name, Essentials) whose sign-in policy allows passkeys unless `passkeys` is
 * false, with a client for password sign-in, and a way to make signed-in users of it.
 */
export async function passkeyPool(
  cognito: CognitoIdentityProvider,
  emulator: RunningEmulator,
  options: { passkeys?: boolean } = {},
) {
  const { UserPool } = await cognito.createUserPool({
    PoolName: 'passkeys',
    UsernameAttributes: ['email'],
    AutoVerifiedAttributes: ['email'],
    UserPoolTier: 'ESSENTIALS',
    Policies: {
      SignInPolicy: {
        AllowedFirstAuthFactors: options.passkeys === false ? ['PASSWORD'] : ['PASSWORD', 'WEB_AUTHN'],
      },
    },
  });
  const poolId = UserPool!.Id!;
  const newClient = async () =>
    (
      await cognito.createUserPoolClient({
        UserPoolId: poolId,
        ClientName: 'app',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      })
    ).UserPoolClient!.ClientId!;
  const clientId = await newClient();
  /** A confirmed user, signed in through `client` (default the pool's first client). */
  const signedIn = async (email: string, client = clientId) => {
    await cognito.adminCreateUser({
      UserPoolId: poolId,
      Username: email,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: email }],
    });
    await cognito.adminSetUserPassword({
      UserPoolId: poolId,
      Username: email,
      Password: PASSWORD,
      Permanent: true,
    });
    return signIn(email, client);
  };
  const signIn = async (email: string, client = clientId) => {
    const { AuthenticationResult } = await cognito.initiateAuth({
      ClientId: client,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    });
    const accessToken = AuthenticationResult!.AccessToken!;
    const { Username } = await cognito.getUser({ AccessToken: accessToken });
    return { accessToken, username: Username! };
  };
  /** The stored pool and user, for the service calls of the WEB_AUTHN challenge. */
  const stored = (username: string) => {
    const ctx = contextOf(emulator);
    const pool = ctx.pools.getPool(poolId);
    return { ctx, pool, user: ctx.users.findByUsername(pool, username)! };
  };
  return { poolId, clientId, newClient, signedIn, signIn, stored };
}

/** Registers a new passkey of `authenticator` for the user of `accessToken`, through the SDK. */
export async function registerPasskey(
  cognito: CognitoIdentityProvider,
  accessToken: string,
  authenticator: SoftwareAuthenticator,
  ceremony: Ceremony = {},
): Promise<string> {
  const { CredentialCreationOptions } = await cognito.startWebAuthnRegistration({ AccessToken: accessToken });
  const credential = authenticator.create(CredentialCreationOptions as unknown as CreationOptions, ceremony);
  await cognito.completeWebAuthnRegistration({ AccessToken: accessToken, Credential: credential });
  return credential.id;
}
