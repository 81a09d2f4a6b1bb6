export {
  passwordAuthenticationKey,
  passwordClaimSignature,
  passwordVerifierResponses,
  srpA,
  srpClientKeys,
  srpPoolName,
  type PasswordVerifierParameters,
  type PasswordVerifierResponses,
  type SrpClientKeys,
} from './client.js';
export {
  devicePasswordVerifierResponses,
  deviceSrpAuthResponses,
  newDeviceSecret,
  type DeviceIdentity,
  type DevicePasswordVerifierParameters,
  type DevicePasswordVerifierResponses,
  type DeviceSecret,
  type DeviceSecretVerifierConfig,
  type DeviceSrpAuthResponses,
} from './device.js';
export { SrpError } from './group.js';
export { srpTimestamp } from './timestamp.js';
