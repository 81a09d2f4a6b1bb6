import type { ForgetDeviceRequest } from '@aws-sdk/client-cognito-identity-provider';
import { userOfAccessToken } from '../services/access.js';
import { trackedDevice } from '../services/devices.js';
import { DEVICE_KEY, TOKEN } from '../validation.js';
import { type NoOutput, target } from './target.js';

/** Stops tracking one of the caller's devices: its key no longer authenticates. */
export const ForgetDevice = target<ForgetDeviceRequest, NoOutput>({
  signed: false,
  input: { DeviceKey: { ...DEVICE_KEY, required: true }, AccessToken: { ...TOKEN, required: false } },
  handler: (ctx, input) => {
    const { pool, user } = userOfAccessToken(ctx, input.AccessToken ?? '');
    ctx.devices.forget(trackedDevice(ctx, pool, user, input.DeviceKey));
    return {};
  },
});
