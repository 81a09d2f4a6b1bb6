import {
  ConfirmDeviceCommand,
  type DeviceType,
  ForgetDeviceCommand,
  ListDevicesCommand,
  type NewDeviceMetadataType,
  UpdateDeviceStatusCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Injectable } from '@nestjs/common';
import { type AuthStep, CognitoGateway } from '../../cognito/cognito-gateway.js';
import { type Page, toPage } from '../../cognito/page.js';
import { CognitoException } from '../../errors/cognito.exception.js';
import {
  devicePasswordVerifierResponses,
  type DevicePasswordVerifierParameters,
  deviceSrpAuthResponses,
  newDeviceSecret,
  srpClientKeys,
  SrpError,
} from '../../srp/index.js';
import type { DeviceCredentials, DeviceInfo, NewDevice } from '../cognito-auth.types.js';

/**
 * Remembered devices: confirming the device Cognito offers after a sign-in (its secret made
 * here, only the verifier sent), signing in as a remembered device (DEVICE_SRP_AUTH, then
 * DEVICE_PASSWORD_VERIFIER), and the user's own list of devices.
 */
@Injectable()
export class DeviceFlow {
  constructor(private readonly cognito: CognitoGateway) {}

  /**
   * ConfirmDevice for the `NewDeviceMetadata` of a sign-in: a new device password and its
   * verifier. `remembered` is false when the pool remembers devices only when the user says so
   * (`setDeviceRemembered`).
   */
  async confirm(accessToken: string, metadata: NewDeviceMetadataType, name?: string): Promise<NewDevice> {
    const { DeviceKey: deviceKey, DeviceGroupKey: deviceGroupKey } = metadata;
    if (!deviceKey || !deviceGroupKey) {
      throw CognitoException.of('COGNITO_ERROR', 'Cognito offered a device without its keys.');
    }
    const secret = newDeviceSecret({ deviceKey, deviceGroupKey });
    const output = await this.cognito.call((client) =>
      client.send(
        new ConfirmDeviceCommand({
          AccessToken: accessToken,
          DeviceKey: deviceKey,
          DeviceSecretVerifierConfig: secret.verifierConfig,
          ...(name ? { DeviceName: name } : {}),
        }),
      ),
    );
    return {
      deviceKey,
      deviceGroupKey,
      devicePassword: secret.devicePassword,
      remembered: output.UserConfirmationNecessary !== true,
    };
  }

  /**
   * Answers DEVICE_SRP_AUTH and the DEVICE_PASSWORD_VERIFIER that follows, proving the device's
   * password; any other step is returned as it is. `username` is the user id Cognito named;
   * `clientMetadata` goes with both answers (the last one runs post authentication and pre token
   * generation).
   */
  async answer(
    step: AuthStep,
    username: string,
    device: DeviceCredentials,
    clientMetadata?: Record<string, string>,
  ): Promise<AuthStep> {
    if (step.ChallengeName !== 'DEVICE_SRP_AUTH') return step;
    const user = step.ChallengeParameters?.USERNAME || username;
    const keys = srpClientKeys();
    const identity = { deviceKey: device.deviceKey, deviceGroupKey: device.deviceGroupKey };
    const verifier = await this.cognito.respondToChallenge(
      'DEVICE_SRP_AUTH',
      step.Session,
      {
        ...this.safely(() => deviceSrpAuthResponses({ username: user, device: identity, keys })),
        ...this.cognito.secretHashParameter(user),
      },
      undefined,
      clientMetadata,
    );
    if (verifier.ChallengeName !== 'DEVICE_PASSWORD_VERIFIER') return verifier;
    const parameters = (verifier.ChallengeParameters ?? {}) as Partial<DevicePasswordVerifierParameters>;
    const responses = this.safely(() =>
      devicePasswordVerifierResponses({
        device: identity,
        devicePassword: device.devicePassword,
        keys,
        parameters: parameters as DevicePasswordVerifierParameters,
        username: user,
      }),
    );
    return this.cognito.respondToChallenge(
      'DEVICE_PASSWORD_VERIFIER',
      verifier.Session,
      { ...responses, ...this.cognito.secretHashParameter(responses.USERNAME) },
      undefined,
      clientMetadata,
    );
  }

  /** The signed-in user's devices, one page at a time (`ListDevices`). */
  async list(
    accessToken: string,
    page: { limit?: number; nextToken?: string } = {},
  ): Promise<Page<DeviceInfo, 'devices', 'nextToken'>> {
    const output = await this.cognito.call((client) =>
      client.send(
        new ListDevicesCommand({
          AccessToken: accessToken,
          ...(page.limit ? { Limit: page.limit } : {}),
          ...(page.nextToken ? { PaginationToken: page.nextToken } : {}),
        }),
      ),
    );
    return toPage('devices', (output.Devices ?? []).map(toDeviceInfo), 'nextToken', output.PaginationToken);
  }

  /** Remembers a device (or stops remembering it, `remembered` false) for the signed-in user. */
  async setRemembered(accessToken: string, deviceKey: string, remembered: boolean): Promise<void> {
    await this.cognito.call((client) =>
      client.send(
        new UpdateDeviceStatusCommand({
          AccessToken: accessToken,
          DeviceKey: deviceKey,
          DeviceRememberedStatus: remembered ? 'remembered' : 'not_remembered',
        }),
      ),
    );
  }

  /** Forgets one of the signed-in user's devices: it signs in as a new device from then on. */
  async forget(accessToken: string, deviceKey: string): Promise<void> {
    await this.cognito.call((client) =>
      client.send(new ForgetDeviceCommand({ AccessToken: accessToken, DeviceKey: deviceKey })),
    );
  }

  private safely<T>(compute: () => T): T {
    try {
      return compute();
    } catch (error) {
      // A challenge the SRP math refuses (B mod N = 0, parameters missing) is Cognito's fault.
      if (error instanceof SrpError) {
        throw CognitoException.of(
          'COGNITO_ERROR',
          'Cognito sent a device challenge that cannot be answered.',
        );
      }
      throw error;
    }
  }
}

/** A device as the library shows it, from Cognito's `DeviceType` and its attributes. */
export function toDeviceInfo(device: DeviceType): DeviceInfo {
  const attributes = Object.fromEntries(
    (device.DeviceAttributes ?? []).map(({ Name, Value }) => [Name ?? '', Value ?? '']),
  );
  const date = (value: Date | undefined) => (value ? value.toISOString() : null);
  return {
    deviceKey: device.DeviceKey ?? '',
    name: attributes.device_name ?? null,
    remembered: attributes['dev:device_remembered_status'] === 'remembered',
    lastIp: attributes.last_ip_used ?? null,
    createdAt: date(device.DeviceCreateDate),
    lastModifiedAt: date(device.DeviceLastModifiedDate),
    lastAuthenticatedAt: date(device.DeviceLastAuthenticatedDate),
  };
}
