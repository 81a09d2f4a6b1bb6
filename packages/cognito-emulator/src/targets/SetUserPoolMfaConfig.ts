import type {
  SetUserPoolMfaConfigRequest,
  SetUserPoolMfaConfigResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { applyMfaConfig, describeMfaConfig, MFA_CONFIG_SHAPE } from '../services/mfa-config.js';
import { USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

/**
 * Sets which second factors a pool offers (SMS, authenticator apps, email) and whether MFA is off,
 * required or optional. The factors given replace the pool's; MfaConfiguration left out is kept.
 */
export const SetUserPoolMfaConfig = target<SetUserPoolMfaConfigRequest, SetUserPoolMfaConfigResponse>({
  signed: true,
  input: { UserPoolId: USER_POOL_ID, ...MFA_CONFIG_SHAPE },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    const { mode, factors } = applyMfaConfig(pool, input);
    const updated = {
      ...pool,
      config: { ...pool.config, MfaConfiguration: mode, MfaFactors: { ...factors } },
      updatedAt: ctx.now(),
    };
    ctx.pools.updatePool(updated);
    return describeMfaConfig(updated);
  },
});
