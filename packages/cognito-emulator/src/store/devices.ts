import type { AttributeType } from '../services/model.js';
import type { Db } from './database.js';

export type RememberedStatus = 'remembered' | 'not_remembered';

/** A device a sign-in issued to a user; confirmed once ConfirmDevice gave it its SRP verifier. */
export interface Device {
  poolId: string;
  key: string;
  username: string;
  groupKey: string;
  name: string | null;
  /** `srp$<salt hex>$<v hex>` from ConfirmDevice; null while the device is not confirmed. */
  verifier: string | null;
  /** Null while the device is not confirmed. */
  remembered: RememberedStatus | null;
  lastIp: string | null;
  createdAt: number;
  updatedAt: number;
  authenticatedAt: number;
}

interface DeviceRow {
  pool_id: string;
  device_key: string;
  username: string;
  group_key: string;
  name: string | null;
  verifier: string | null;
  remembered: RememberedStatus | null;
  last_ip: string | null;
  created_at: number;
  updated_at: number;
  authenticated_at: number;
}

const toDevice = (row: DeviceRow): Device => ({
  poolId: row.pool_id,
  key: row.device_key,
  username: row.username,
  groupKey: row.group_key,
  name: row.name,
  verifier: row.verifier,
  remembered: row.remembered,
  lastIp: row.last_ip,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  authenticatedAt: row.authenticated_at,
});

/** The devices table: pending devices (issued at sign-in) and confirmed ones (tracked). */
export class DeviceStore {
  constructor(private readonly db: Db) {}

  /** A device key a sign-in just issued (NewDeviceMetadata), not yet confirmed. */
  insertPending(
    device: Pick<Device, 'poolId' | 'key' | 'username' | 'groupKey' | 'lastIp'>,
    now: number,
  ): void {
    this.db
      .prepare(
        `INSERT INTO devices (pool_id, device_key, username, group_key, last_ip, created_at, updated_at,
           authenticated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(device.poolId, device.key, device.username, device.groupKey, device.lastIp, now, now, now);
  }

  find(poolId: string, key: string): Device | undefined {
    const row = this.db
      .prepare('SELECT * FROM devices WHERE pool_id = ? AND device_key = ?')
      .get(poolId, key) as DeviceRow | undefined;
    return row ? toDevice(row) : undefined;
  }

  /**
   * Confirms a pending device of this user with its verifier, name and remembered status. One
   * conditional update: of two concurrent confirmations one wins, the other finds it confirmed
   * (false).
   */
  confirm(
    device: Pick<Device, 'poolId' | 'key' | 'username'>,
    confirmation: {
      verifier: string;
      name: string | null;
      remembered: RememberedStatus;
      lastIp: string | null;
    },
    now: number,
  ): boolean {
    return (
      this.db
        .prepare(
          `UPDATE devices SET verifier = ?, name = ?, remembered = ?, last_ip = COALESCE(?, last_ip),
             updated_at = ?
           WHERE pool_id = ? AND device_key = ? AND username = ? AND verifier IS NULL`,
        )
        .run(
          confirmation.verifier,
          confirmation.name,
          confirmation.remembered,
          confirmation.lastIp,
          now,
          device.poolId,
          device.key,
          device.username,
        ).changes === 1
    );
  }

  /** Sets a confirmed device's remembered status. */
  setRemembered(device: Pick<Device, 'poolId' | 'key'>, status: RememberedStatus, now: number): void {
    this.db
      .prepare(
        `UPDATE devices SET remembered = ?, updated_at = ?
         WHERE pool_id = ? AND device_key = ? AND verifier IS NOT NULL`,
      )
      .run(status, now, device.poolId, device.key);
  }

  /** A device signed in with (device authentication): when, and from where. */
  authenticated(device: Pick<Device, 'poolId' | 'key'>, lastIp: string | null, now: number): void {
    this.db
      .prepare(
        `UPDATE devices SET authenticated_at = ?, last_ip = COALESCE(?, last_ip)
         WHERE pool_id = ? AND device_key = ?`,
      )
      .run(now, lastIp, device.poolId, device.key);
  }

  /** Up to `limit` confirmed devices of a user after the given key, in key order. */
  listConfirmed(poolId: string, username: string, limit: number, after = ''): Device[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM devices WHERE pool_id = ? AND username = ? AND device_key > ? AND verifier IS NOT NULL
         ORDER BY device_key LIMIT ?`,
      )
      .all(poolId, username, after, limit) as DeviceRow[];
    return rows.map(toDevice);
  }

  /** Stops tracking a device: its key no longer signs in, nor confirms. */
  forget(device: Pick<Device, 'poolId' | 'key'>): void {
    this.db
      .prepare('DELETE FROM devices WHERE pool_id = ? AND device_key = ?')
      .run(device.poolId, device.key);
  }
}

/**
 * A device as the device operations describe it (`DeviceType`): its key, the attributes AWS lists
 * (`device_status`, `device_name`, `dev:device_remembered_status`, `last_ip_used`) and its dates.
 */
export function describeDevice(device: Device) {
  const attributes: AttributeType[] = [{ Name: 'device_status', Value: 'valid' }];
  if (device.name !== null) attributes.push({ Name: 'device_name', Value: device.name });
  if (device.remembered !== null)
    attributes.push({ Name: 'dev:device_remembered_status', Value: device.remembered });
  if (device.lastIp !== null) attributes.push({ Name: 'last_ip_used', Value: device.lastIp });
  return {
    DeviceKey: device.key,
    DeviceAttributes: attributes,
    DeviceCreateDate: device.createdAt / 1000,
    DeviceLastModifiedDate: device.updatedAt / 1000,
    DeviceLastAuthenticatedDate: device.authenticatedAt / 1000,
  };
}
