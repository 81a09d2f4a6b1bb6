import type {
  AliasAttributeType,
  UpdateUserPoolRequest,
  UpdateUserPoolResponse,
  UsernameAttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { POOL_NAME, POOL_SETTINGS, poolConfigFromInput } from '../services/pool-config.js';
import { mfaFactorsOf } from '../services/mfa-config.js';
import { USER_POOL_ID } from '../validation.js';
import { target } from './target.js';

/**
 * Replaces a pool's settings. As AWS documents (and as catches many), every updatable setting the
 * request leaves out goes back to its default: the password policy, templates, auto-verified
 * attributes, ... What UpdateUserPool cannot change stays: the sign-in attributes, the schema, the
 * case sensitivity, the keys, and the name unless a new one is given.
 */
export const UpdateUserPool = target<UpdateUserPoolRequest, UpdateUserPoolResponse>({
  signed: true,
  input: { UserPoolId: USER_POOL_ID, PoolName: POOL_NAME, ...POOL_SETTINGS },
  handler: (ctx, input) => {
    const pool = ctx.pools.getPool(input.UserPoolId);
    const { Name, UsernameAttributes, AliasAttributes, UsernameConfiguration, SchemaAttributes } =
      pool.config;
    // The stored sign-in settings were validated by CreateUserPool against these very enums.
    const config = poolConfigFromInput(
      {
        ...input,
        PoolName: input.PoolName ?? Name,
        ...(UsernameAttributes ? { UsernameAttributes: UsernameAttributes as UsernameAttributeType[] } : {}),
        ...(AliasAttributes ? { AliasAttributes: AliasAttributes as AliasAttributeType[] } : {}),
        ...(UsernameConfiguration ? { UsernameConfiguration } : {}),
      },
      mfaFactorsOf(pool),
    );
    config.SchemaAttributes = SchemaAttributes;
    ctx.pools.updatePool({ ...pool, config, updatedAt: ctx.now() });
    return {};
  },
});
