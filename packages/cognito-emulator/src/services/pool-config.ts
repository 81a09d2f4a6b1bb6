import { invalidParameter } from '../errors.js';
import { regionOfPool } from '../ids.js';
import type { MessageTemplate, PasswordPolicy, Pool, PoolConfig, SchemaAttribute } from './model.js';
import { buildSchema } from './schema.js';

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

export const DEFAULT_VERIFICATION_MESSAGE = 'Your verification code is {####}. ';
export const DEFAULT_VERIFICATION_SUBJECT = 'Your verification code';

/** The stored configuration of a new pool from CreateUserPool's input, with AWS's defaults. */
export function poolConfigFromInput(input: Record<string, unknown>): PoolConfig {
  const policies = (input.Policies ?? {}) as { PasswordPolicy?: Partial<PasswordPolicy> };
  const usernameAttributes = input.UsernameAttributes as string[] | undefined;
  const aliasAttributes = input.AliasAttributes as string[] | undefined;
  if (usernameAttributes && aliasAttributes) {
    throw invalidParameter(
      'Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.',
    );
  }
  const template = (input.VerificationMessageTemplate ?? {}) as MessageTemplate;
  for (const message of [template.EmailMessage, input.EmailVerificationMessage]) {
    if (typeof message === 'string' && !message.includes('{####}')) {
      throw invalidParameter('The verification message must contain the {####} placeholder.');
    }
  }
  const adminCreate = (input.AdminCreateUserConfig ?? {}) as PoolConfig['AdminCreateUserConfig'];
  const config: PoolConfig = {
    ...passThrough(input),
    Name: input.PoolName as string,
    Policies: {
      PasswordPolicy: policies.PasswordPolicy
        ? {
            MinimumLength: policies.PasswordPolicy.MinimumLength ?? 8,
            RequireUppercase: policies.PasswordPolicy.RequireUppercase ?? false,
            RequireLowercase: policies.PasswordPolicy.RequireLowercase ?? false,
            RequireNumbers: policies.PasswordPolicy.RequireNumbers ?? false,
            RequireSymbols: policies.PasswordPolicy.RequireSymbols ?? false,
            TemporaryPasswordValidityDays: policies.PasswordPolicy.TemporaryPasswordValidityDays ?? 7,
          }
        : { ...DEFAULT_PASSWORD_POLICY },
    },
    SchemaAttributes: buildSchema(input.Schema as Partial<SchemaAttribute>[] | undefined),
    VerificationMessageTemplate: {
      ...template,
      DefaultEmailOption: template.DefaultEmailOption ?? 'CONFIRM_WITH_CODE',
      ...(template.EmailMessage === undefined && typeof input.EmailVerificationMessage === 'string'
        ? { EmailMessage: input.EmailVerificationMessage }
        : {}),
      ...(template.EmailSubject === undefined && typeof input.EmailVerificationSubject === 'string'
        ? { EmailSubject: input.EmailVerificationSubject }
        : {}),
    },
    AdminCreateUserConfig: {
      AllowAdminCreateUserOnly: adminCreate.AllowAdminCreateUserOnly ?? false,
      UnusedAccountValidityDays: adminCreate.UnusedAccountValidityDays ?? 7,
      ...(adminCreate.InviteMessageTemplate
        ? { InviteMessageTemplate: adminCreate.InviteMessageTemplate }
        : {}),
    },
    MfaConfiguration: (input.MfaConfiguration as string | undefined) ?? 'OFF',
    DeletionProtection: (input.DeletionProtection as string | undefined) ?? 'INACTIVE',
  };
  if (usernameAttributes) config.UsernameAttributes = usernameAttributes;
  if (aliasAttributes) config.AliasAttributes = aliasAttributes;
  if (input.AutoVerifiedAttributes) config.AutoVerifiedAttributes = input.AutoVerifiedAttributes as string[];
  if (input.UsernameConfiguration)
    config.UsernameConfiguration = input.UsernameConfiguration as { CaseSensitive: boolean };
  return config;
}

/** Settings kept as given, for DescribeUserPool to return them. */
const PASS_THROUGH = [
  'LambdaConfig',
  'SmsVerificationMessage',
  'SmsAuthenticationMessage',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'UserPoolTags',
  'UserPoolAddOns',
  'AccountRecoverySetting',
  'UserAttributeUpdateSettings',
  'UserPoolTier',
] as const;

function passThrough(input: Record<string, unknown>): Record<string, object> {
  const kept: Record<string, object> = { LambdaConfig: {} };
  for (const name of PASS_THROUGH) if (input[name] !== undefined) kept[name] = input[name] as object;
  return kept;
}

/** A pool as DescribeUserPool and CreateUserPool return it. */
export function describePool(pool: Pool, estimatedNumberOfUsers: number): Record<string, unknown> {
  const { Name, ...config } = pool.config;
  const region = regionOfPool(pool.id);
  return {
    Id: pool.id,
    Name,
    ...config,
    LastModifiedDate: pool.updatedAt / 1000,
    CreationDate: pool.createdAt / 1000,
    EstimatedNumberOfUsers: estimatedNumberOfUsers,
    Arn: `arn:aws:cognito-idp:${region}:000000000000:userpool/${pool.id}`,
  };
}

/** The subject and body of a verification message, from the pool's template or AWS's default. */
export function verificationMessage(pool: Pool): { subject: string; message: string } {
  const template = pool.config.VerificationMessageTemplate;
  return {
    subject: template.EmailSubject ?? DEFAULT_VERIFICATION_SUBJECT,
    message: template.EmailMessage ?? DEFAULT_VERIFICATION_MESSAGE,
  };
}
