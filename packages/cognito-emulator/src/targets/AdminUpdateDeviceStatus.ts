import type {
  AdminUpdateDeviceStatusRequest,
  AdminUpdateDeviceStatusResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { updateDeviceStatus } from '../services/devices.js';
import { ADMIN_USER, DEVICE_KEY, REMEMBERED_STATUS } from '../validation.js';
import { target } from './target.js';

/** Marks a user's device remembered or not remembered, for an administrator. */
export const AdminUpdateDeviceStatus = target<
  AdminUpdateDeviceStatusRequest,
  AdminUpdateDeviceStatusResponse
>({
  signed: true,
  input: {
    ...ADMIN_USER,
    DeviceKey: { ...DEVICE_KEY, required: true },
    DeviceRememberedStatus: REMEMBERED_STATUS,
  },
  handler: (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    updateDeviceStatus(ctx, pool, user, input.DeviceKey, input.DeviceRememberedStatus);
    return {};
  },
});
