import { Logger } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceFlow } from '../src/auth/flows/device.flow.js';
import type { MfaFlow } from '../src/auth/flows/mfa.flow.js';
import { SignInFlow } from '../src/auth/flows/sign-in.flow.js';
import type { SrpFlow } from '../src/auth/flows/srp.flow.js';
import type { AuthStep, CognitoGateway } from '../src/cognito/cognito-gateway.js';
import { CognitoException } from '../src/errors/cognito.exception.js';

/**
 * What the sign-in flow does around Cognito's answers that the emulator cannot be made to give
 * on demand (a throttled ConfirmDevice after a granted sign-in): the gateway and the device flow
 * are stubbed; everything else is the real class.
 */
const TOKENS: AuthStep = {
  AuthenticationResult: {
    AccessToken: 'access',
    IdToken: 'id',
    RefreshToken: 'refresh',
    ExpiresIn: 3600,
    NewDeviceMetadata: {
      DeviceKey: 'us-east-1_5e0b7c1a-1f0b-4a4e-9f43-2b1b1e0c9a11',
      DeviceGroupKey: '-AbCdEf',
    },
  },
};
const DEVICE = {
  deviceKey: 'us-east-1_0b7c1a5e-1f0b-4a4e-9f43-2b1b1e0c9a11',
  deviceGroupKey: '-Old',
  devicePassword: 'device-secret-password',
};

function flowWith(
  initiateAuth: (parameters: Record<string, string>) => Promise<AuthStep>,
  confirm: () => Promise<unknown>,
) {
  const gateway = {
    options: { authFlow: 'USER_PASSWORD_AUTH', userPoolId: 'us-east-1_Pool', clientId: 'client' },
    secretHashParameter: () => ({}),
    initiateAuth: (_start: string, parameters: Record<string, string>) => initiateAuth(parameters),
  } as unknown as CognitoGateway;
  const devices = { confirm, answer: async (step: AuthStep) => step } as unknown as DeviceFlow;
  return new SignInFlow(gateway, {} as SrpFlow, devices, {} as MfaFlow);
}

describe('SignInFlow around Cognito’s answers', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a failed ConfirmDevice does not fail a sign-in Cognito granted; the log names the code only', async () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const flow = flowWith(
      async () => TOKENS,
      async () => {
        throw CognitoException.of('TOO_MANY_REQUESTS', 'Rate exceeded', 'TooManyRequestsException');
      },
    );
    const result = await flow.signIn('ada@example.com', 'Correct-horse-9', { rememberDevice: true });
    expect(result).toEqual({
      accessToken: 'access',
      idToken: 'id',
      refreshToken: 'refresh',
      expiresIn: 3600,
      tokenType: 'Bearer',
    });
    expect(warn).toHaveBeenCalledTimes(1);
    const line = String(warn.mock.calls[0]![0]);
    expect(line).toContain('TOO_MANY_REQUESTS');
    for (const secret of ['access', 'refresh', 'Correct-horse-9']) expect(line).not.toContain(secret);
  });

  it('without rememberDevice no device is confirmed', async () => {
    const confirm = vi.fn(async () => ({}));
    const flow = flowWith(async () => TOKENS, confirm);
    const result = await flow.signIn('ada@example.com', 'Correct-horse-9');
    expect(result).not.toHaveProperty('newDevice');
    expect(confirm).not.toHaveBeenCalled();
  });

  it('a device Cognito does not know is dropped once; any other 404 is not retried', async () => {
    const sent: Record<string, string>[] = [];
    const unknownDevice = CognitoException.of(
      'RESOURCE_NOT_FOUND',
      'Device does not exist.',
      'ResourceNotFoundException',
    );
    const flow = flowWith(
      async (parameters) => {
        sent.push(parameters);
        if (parameters.DEVICE_KEY) throw unknownDevice;
        return { AuthenticationResult: { ...TOKENS.AuthenticationResult, NewDeviceMetadata: undefined } };
      },
      async () => ({}),
    );
    const result = await flow.signIn('ada@example.com', 'Correct-horse-9', { device: DEVICE });
    expect(result).toMatchObject({ accessToken: 'access' });
    expect(sent.map((p) => p.DEVICE_KEY)).toEqual([DEVICE.deviceKey, undefined]);

    const otherNotFound = flowWith(
      async () => {
        throw CognitoException.of(
          'RESOURCE_NOT_FOUND',
          'User pool client does not exist.',
          'ResourceNotFoundException',
        );
      },
      async () => ({}),
    );
    await expect(
      otherNotFound.signIn('ada@example.com', 'Correct-horse-9', { device: DEVICE }),
    ).rejects.toMatchObject({
      code: 'RESOURCE_NOT_FOUND',
    });
  });
});
