import type { Target } from '../context.js';
import { newPoolId } from '../ids.js';
import { newSigningKey } from '../services/keys.js';
import { describePool, poolConfigFromInput } from '../services/pool-config.js';
import { validate } from '../validation.js';

const ATTRIBUTE_NAMES = ['email', 'phone_number'] as const;

export const CreateUserPool: Target = async (ctx, body) => {
  const input = validate(body, {
    PoolName: { type: 'string', required: true, min: 1, max: 128, pattern: /^[\w\s+=,.@-]+$/ },
    Policies: { type: 'structure' },
    UsernameAttributes: { type: 'list', item: { type: 'string', enum: ATTRIBUTE_NAMES } },
    AliasAttributes: {
      type: 'list',
      item: { type: 'string', enum: ['phone_number', 'email', 'preferred_username'] },
    },
    AutoVerifiedAttributes: { type: 'list', item: { type: 'string', enum: ATTRIBUTE_NAMES } },
    Schema: { type: 'list', min: 1, max: 50 },
    EmailVerificationMessage: { type: 'string', min: 6, max: 20000 },
    EmailVerificationSubject: { type: 'string', min: 1, max: 140 },
    VerificationMessageTemplate: { type: 'structure' },
    MfaConfiguration: { type: 'string', enum: ['OFF', 'ON', 'OPTIONAL'] },
    DeletionProtection: { type: 'string', enum: ['ACTIVE', 'INACTIVE'] },
    UsernameConfiguration: {
      type: 'structure',
      members: { CaseSensitive: { type: 'boolean', required: true } },
    },
    AdminCreateUserConfig: { type: 'structure' },
    UserPoolTags: { type: 'map' },
  });
  const config = poolConfigFromInput(input);
  const { pem, kid } = await newSigningKey();
  const now = ctx.now();
  const pool = { id: newPoolId(ctx.region), config, kid, signingKeyPem: pem, createdAt: now, updatedAt: now };
  ctx.pools.insertPool(pool);
  return { UserPool: describePool(pool, 0) };
};
