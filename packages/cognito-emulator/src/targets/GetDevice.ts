import type { GetDeviceRequest, GetDeviceResponse } from '@aws-sdk/client-cognito-identity-provider';
import { userOfAccessToken } from '../services/access.js';
import { trackedDevice } from '../services/devices.js';
import { describeDevice } from '../store/devices.js';
import { DEVICE_KEY, TOKEN } from '../validation.js';
import { target } from './target.js';

/** One of the caller's tracked devices. The model leaves `AccessToken` optional; without one, no user. */
export const GetDevice = target<GetDeviceRequest, GetDeviceResponse>({
  signed: false,
  input: { DeviceKey: { ...DEVICE_KEY, required: true }, AccessToken: { ...TOKEN, required: false } },
  handler: (ctx, input) => {
    const { pool, user } = userOfAccessToken(ctx, input.AccessToken ?? '');
    return { Device: describeDevice(trackedDevice(ctx, pool, user, input.DeviceKey)) };
  },
});
