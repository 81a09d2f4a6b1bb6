import type {
  UpdateDeviceStatusRequest,
  UpdateDeviceStatusResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { userOfAccessToken } from '../services/access.js';
import { updateDeviceStatus } from '../services/devices.js';
import { DEVICE_KEY, REMEMBERED_STATUS, TOKEN } from '../validation.js';
import { target } from './target.js';

/** Marks one of the caller's devices remembered or not remembered. */
export const UpdateDeviceStatus = target<UpdateDeviceStatusRequest, UpdateDeviceStatusResponse>({
  signed: false,
  input: {
    AccessToken: TOKEN,
    DeviceKey: { ...DEVICE_KEY, required: true },
    DeviceRememberedStatus: REMEMBERED_STATUS,
  },
  handler: (ctx, input) => {
    const { pool, user } = userOfAccessToken(ctx, input.AccessToken);
    updateDeviceStatus(ctx, pool, user, input.DeviceKey, input.DeviceRememberedStatus);
    return {};
  },
});
