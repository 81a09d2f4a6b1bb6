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
export { SrpError } from './group.js';
export { srpTimestamp } from './timestamp.js';
