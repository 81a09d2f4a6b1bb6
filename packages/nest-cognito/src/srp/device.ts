import { randomBytes } from 'node:crypto';
import { requireParameters, srpA, type SrpClientKeys, verifierProof } from './client.js';
import { padHex, passwordExponent, powG, SrpError } from './group.js';

/**
 * A remembered device as Cognito names it (`NewDeviceMetadata` of the sign-in that offered it):
 * in device SRP, the group key stands where the pool name does and the device key where the user
 * id does.
 */
export interface DeviceIdentity {
  readonly deviceKey: string;
  readonly deviceGroupKey: string;
}

/** ConfirmDevice's `DeviceSecretVerifierConfig`: the salt and the verifier g^x, each base64. */
export interface DeviceSecretVerifierConfig {
  readonly Salt: string;
  readonly PasswordVerifier: string;
}

/** What confirming a device makes: the secret the device keeps and what Cognito is sent. */
export interface DeviceSecret {
  /** The device's own password: kept with the device keys, never sent; it signs in as the device. */
  readonly devicePassword: string;
  /** For ConfirmDevice: it lets Cognito check the password without knowing it. */
  readonly verifierConfig: DeviceSecretVerifierConfig;
}

/** The challenge parameters of DEVICE_PASSWORD_VERIFIER that the answer is computed from. */
export interface DevicePasswordVerifierParameters {
  SALT: string;
  SRP_B: string;
  SECRET_BLOCK: string;
  /** The user the device belongs to, when the challenge names it. */
  USERNAME?: string;
  /** The device the challenge is for, when it names it. */
  DEVICE_KEY?: string;
}

/** The ChallengeResponses of DEVICE_SRP_AUTH (SECRET_HASH, when the client has a secret, is the caller's). */
export interface DeviceSrpAuthResponses {
  USERNAME: string;
  DEVICE_KEY: string;
  SRP_A: string;
}

/** The ChallengeResponses of DEVICE_PASSWORD_VERIFIER (SECRET_HASH is the caller's). */
export interface DevicePasswordVerifierResponses {
  USERNAME: string;
  DEVICE_KEY: string;
  PASSWORD_CLAIM_SECRET_BLOCK: string;
  PASSWORD_CLAIM_SIGNATURE: string;
  TIMESTAMP: string;
}

function assertDevice(device: DeviceIdentity): void {
  for (const name of ['deviceKey', 'deviceGroupKey'] as const) {
    if (typeof device[name] !== 'string' || device[name].length === 0) {
      throw new SrpError(`${name} is empty`);
    }
  }
}

function assertDevicePassword(devicePassword: string): void {
  if (typeof devicePassword !== 'string' || devicePassword.length === 0) {
    throw new SrpError('devicePassword is empty');
  }
}

/**
 * A new device secret, as Amazon's client libraries make it: a password of 40 random bytes in
 * base64, a 16-byte random salt, and x = H(salt | H(deviceGroupKey | deviceKey | ":" | password)),
 * v = g^x. Salt and verifier are sent as the bytes of Cognito's hex of each (a leading 00 where the
 * top bit is set), base64. `fixed` gives the random values (tests compare implementations with it).
 */
export function newDeviceSecret(
  device: DeviceIdentity,
  fixed: { devicePassword?: string; salt?: Buffer } = {},
): DeviceSecret {
  assertDevice(device);
  const devicePassword = fixed.devicePassword ?? randomBytes(40).toString('base64');
  assertDevicePassword(devicePassword);
  const saltBytes = fixed.salt ?? randomBytes(16);
  if (saltBytes.length === 0) throw new SrpError('salt is empty');
  const salt = BigInt(`0x${saltBytes.toString('hex')}`);
  const x = passwordExponent(device.deviceGroupKey, device.deviceKey, devicePassword, salt);
  const base64OfHex = (value: bigint) => Buffer.from(padHex(value), 'hex').toString('base64');
  return {
    devicePassword,
    verifierConfig: { Salt: base64OfHex(salt), PasswordVerifier: base64OfHex(powG(x)) },
  };
}

/** The answer to DEVICE_SRP_AUTH: the user, the device, and SRP_A of fresh client keys. */
export function deviceSrpAuthResponses(input: {
  username: string;
  device: DeviceIdentity;
  keys: SrpClientKeys;
}): DeviceSrpAuthResponses {
  assertDevice(input.device);
  if (typeof input.username !== 'string' || input.username.length === 0) {
    throw new SrpError('username is empty');
  }
  return { USERNAME: input.username, DEVICE_KEY: input.device.deviceKey, SRP_A: srpA(input.keys) };
}

/**
 * The answer to DEVICE_PASSWORD_VERIFIER: the same proof as PASSWORD_VERIFIER's, with the device
 * group key in place of the pool name and the device key in place of the user id. USERNAME is the
 * challenge's (else `username`, the one DEVICE_SRP_AUTH sent); a challenge for another device is
 * refused. `keys` are those whose A went with DEVICE_SRP_AUTH; `now` is the moment TIMESTAMP names.
 */
export function devicePasswordVerifierResponses(input: {
  device: DeviceIdentity;
  devicePassword: string;
  keys: SrpClientKeys;
  parameters: DevicePasswordVerifierParameters;
  username?: string;
  now?: Date;
}): DevicePasswordVerifierResponses {
  const { device, parameters } = input;
  assertDevice(device);
  assertDevicePassword(input.devicePassword);
  const challenge = requireParameters('DEVICE_PASSWORD_VERIFIER', parameters, [
    'SALT',
    'SRP_B',
    'SECRET_BLOCK',
  ]);
  if (parameters.DEVICE_KEY !== undefined && parameters.DEVICE_KEY !== device.deviceKey) {
    throw new SrpError('DEVICE_PASSWORD_VERIFIER challenge for another device');
  }
  const username = parameters.USERNAME || input.username;
  if (typeof username !== 'string' || username.length === 0) {
    throw new SrpError('DEVICE_PASSWORD_VERIFIER challenge without USERNAME (and no username given)');
  }
  const proof = verifierProof({
    keys: input.keys,
    challenge,
    poolName: device.deviceGroupKey,
    userId: device.deviceKey,
    password: input.devicePassword,
    now: input.now ?? new Date(),
  });
  return {
    USERNAME: username,
    DEVICE_KEY: device.deviceKey,
    PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
    ...proof,
  };
}
