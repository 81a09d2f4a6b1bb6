import type {
  VerifySoftwareTokenRequest,
  VerifySoftwareTokenResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { verifySoftwareToken } from '../services/software-token.js';
import { target } from './target.js';

/** Proves an associated authenticator app with one of its codes. */
export const VerifySoftwareToken = target<VerifySoftwareTokenRequest, VerifySoftwareTokenResponse>({
  signed: false,
  input: {
    AccessToken: { type: 'string', pattern: /^[A-Za-z0-9-_=.]+$/, sensitive: true },
    Session: { type: 'string', min: 20, max: 2048, sensitive: true },
    UserCode: { type: 'string', required: true, min: 6, max: 6, pattern: /^[0-9]+$/, sensitive: true },
    FriendlyDeviceName: { type: 'string' },
  },
  handler: (ctx, input) => verifySoftwareToken(ctx, input),
});
