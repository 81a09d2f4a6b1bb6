import type { AdminForgetDeviceRequest } from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { trackedDevice } from '../services/devices.js';
import { ADMIN_USER, DEVICE_KEY } from '../validation.js';
import { type NoOutput, target } from './target.js';

/** Stops tracking a user's device, for an administrator. */
export const AdminForgetDevice = target<AdminForgetDeviceRequest, NoOutput>({
  signed: true,
  input: { ...ADMIN_USER, DeviceKey: { ...DEVICE_KEY, required: true } },
  handler: (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    ctx.devices.forget(trackedDevice(ctx, pool, user, input.DeviceKey));
    return {};
  },
});
