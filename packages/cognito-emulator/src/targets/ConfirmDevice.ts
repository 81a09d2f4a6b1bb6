import type { ConfirmDeviceRequest, ConfirmDeviceResponse } from '@aws-sdk/client-cognito-identity-provider';
import { userOfAccessToken } from '../services/access.js';
import { confirmDevice } from '../services/devices.js';
import { DEVICE_KEY, TOKEN } from '../validation.js';
import { target } from './target.js';

/** Starts tracking a device key a sign-in issued, with its SRP verifier (device authentication). */
export const ConfirmDevice = target<ConfirmDeviceRequest, ConfirmDeviceResponse>({
  signed: false,
  input: {
    AccessToken: TOKEN,
    DeviceKey: { ...DEVICE_KEY, required: true },
    DeviceSecretVerifierConfig: {
      type: 'structure',
      members: { PasswordVerifier: { type: 'string', sensitive: true }, Salt: { type: 'string' } },
    },
    DeviceName: { type: 'string', min: 1, max: 1024 },
  },
  handler: (ctx, input, request) => {
    const { pool, user } = userOfAccessToken(ctx, input.AccessToken);
    return confirmDevice(ctx, pool, user, input, request.sourceIp);
  },
});
