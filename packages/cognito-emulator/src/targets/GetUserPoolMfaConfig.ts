import type {
  GetUserPoolMfaConfigRequest,
  GetUserPoolMfaConfigResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { describeMfaConfig } from '../services/mfa-config.js';
import { USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

/** A pool's MFA mode and the factors it offers. */
export const GetUserPoolMfaConfig = target<GetUserPoolMfaConfigRequest, GetUserPoolMfaConfigResponse>({
  signed: true,
  input: { UserPoolId: USER_POOL_ID },
  handler: (ctx, input) => describeMfaConfig(ctx.pools.getPool(input.UserPoolId)),
});
