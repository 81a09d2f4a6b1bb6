import type { EmulatorContext } from '../context.js';
import { CognitoError, invalidParameter, resourceNotFound } from '../errors.js';
import { describeDevice, type Device, type RememberedStatus } from '../store/devices.js';
import type { Pool, User } from './model.js';
import { decodePageToken, toPage } from './pagination.js';
import { N, padHex } from './srp-group.js';

/** AWS's answer for a device key that names no device of the user (the client libraries match it). */
export const deviceNotFound = () => resourceNotFound('Device does not exist.');

/**
 * A tracked device of this user: confirmed, and the user's. A device of another user, one never
 * confirmed and an unknown key all answer "Device does not exist.", so a key reveals nothing.
 */
export function trackedDevice(ctx: EmulatorContext, pool: Pool, user: User, key: string): Device {
  const device = ctx.devices.find(pool.id, key);
  if (!device || device.username !== user.username || device.verifier === null) throw deviceNotFound();
  return device;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A non-negative integer from base64 bytes, or undefined for anything that is not base64 of some. */
function integerOfBase64(text: string | undefined): bigint | undefined {
  if (!text || !BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === 0 ? undefined : BigInt(`0x${bytes.toString('hex')}`);
}

/**
 * The stored verifier (`srp$<salt hex>$<v hex>`, as users' are) from ConfirmDevice's
 * `DeviceSecretVerifierConfig`: the salt and v = g^x mod N, each base64 of its bytes, as the client
 * libraries send them. A v outside [1, N-1] can verify nothing and is refused with the rest.
 */
function storedVerifier(config: { PasswordVerifier?: string; Salt?: string } | undefined): string {
  if (!config) throw invalidParameter('DeviceSecretVerifierConfig is required to confirm a device.');
  const v = integerOfBase64(config.PasswordVerifier);
  const salt = integerOfBase64(config.Salt);
  if (v === undefined || salt === undefined || v === 0n || v >= N) {
    throw invalidParameter(
      'DeviceSecretVerifierConfig must hold a PasswordVerifier and a Salt, each the base64 of an SRP value.',
    );
  }
  return `srp$${padHex(salt)}$${padHex(v)}`;
}

/**
 * ConfirmDevice: a device key a sign-in issued to this user gets its SRP verifier and name and is
 * tracked from now on: remembered at once, or not yet where the pool asks the user first
 * (`DeviceOnlyRememberedOnUserPrompt`, then `UserConfirmationNecessary`). A device already confirmed
 * is `DeviceKeyExistsException`; the store decides between concurrent confirmations.
 */
export function confirmDevice(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  input: {
    DeviceKey: string;
    DeviceName?: string | undefined;
    DeviceSecretVerifierConfig?: { PasswordVerifier?: string; Salt?: string } | undefined;
  },
  sourceIp: string | null,
): { UserConfirmationNecessary: boolean } {
  const device = ctx.devices.find(pool.id, input.DeviceKey);
  if (!device || device.username !== user.username) throw deviceNotFound();
  const exists = () => new CognitoError('DeviceKeyExistsException', 'Device key already exists.');
  if (device.verifier !== null) throw exists();
  const verifier = storedVerifier(input.DeviceSecretVerifierConfig);
  const askUser = pool.config.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt === true;
  const confirmed = ctx.devices.confirm(
    device,
    {
      verifier,
      name: input.DeviceName ?? null,
      remembered: askUser ? 'not_remembered' : 'remembered',
      lastIp: sourceIp,
    },
    ctx.now(),
  );
  if (!confirmed) throw exists();
  return { UserConfirmationNecessary: askUser };
}

/** UpdateDeviceStatus / AdminUpdateDeviceStatus: remembered or not; no status given changes nothing. */
export function updateDeviceStatus(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  key: string,
  status: RememberedStatus | undefined,
): void {
  const device = trackedDevice(ctx, pool, user, key);
  if (status) ctx.devices.setRemembered(device, status, ctx.now());
}

/** ListDevices / AdminListDevices: the user's tracked devices by key, up to `Limit` (60) a page. */
export function listDevices(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  input: { Limit?: number | undefined; PaginationToken?: string | undefined },
) {
  const limit = input.Limit || 60;
  const rows = ctx.devices.listConfirmed(
    pool.id,
    user.username,
    limit + 1,
    decodePageToken(input.PaginationToken),
  );
  const { items, next } = toPage(rows, limit, (device) => device.key);
  return { Devices: items.map(describeDevice), ...(next ? { PaginationToken: next } : {}) };
}
