import { randomBytes, randomInt, randomUUID } from 'node:crypto';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const LOWER_ALNUM = '0123456789abcdefghijklmnopqrstuvwxyz';

function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** `<region>_<9 alphanumerics>`, as AWS names user pools. */
export const newPoolId = (region: string) => `${region}_${randomString(ALNUM, 9)}`;

/** 26 lowercase alphanumerics, as AWS names app clients. */
export const newClientId = () => randomString(LOWER_ALNUM, 26);

/** 51 characters of base32-ish text, the length of an AWS app client secret. */
export const newClientSecret = () => randomString(LOWER_ALNUM, 51);

export const newSub = () => randomUUID();

/** `<region>_<uuid>`, as AWS names devices (`DeviceKeyType`: `[\w-]+_[0-9a-f-]+`). */
export const newDeviceKey = (region: string) => `${region}_${randomUUID()}`;

/** A device group key, the name SRP hashes in place of the pool's for a device: `-` and 9 alphanumerics. */
export const newDeviceGroupKey = () => `-${randomString(ALNUM, 9)}`;

/** A six-digit confirmation code. */
export const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export const newOpaqueToken = (bytes = 48) => randomBytes(bytes).toString('base64url');

/** The region a pool id names: `eu-west-1_abc` → `eu-west-1`. */
export const regionOfPool = (poolId: string) => poolId.slice(0, poolId.indexOf('_'));
