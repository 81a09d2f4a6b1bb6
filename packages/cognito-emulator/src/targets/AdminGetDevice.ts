import type {
  AdminGetDeviceRequest,
  AdminGetDeviceResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { trackedDevice } from '../services/devices.js';
import { describeDevice } from '../store/devices.js';
import { ADMIN_USER, DEVICE_KEY } from '../validation.js';
import { target } from './target.js';

/** A user's tracked device, for an administrator. */
export const AdminGetDevice = target<AdminGetDeviceRequest, AdminGetDeviceResponse>({
  signed: true,
  input: { ...ADMIN_USER, DeviceKey: { ...DEVICE_KEY, required: true } },
  handler: (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    return { Device: describeDevice(trackedDevice(ctx, pool, user, input.DeviceKey)) };
  },
});
