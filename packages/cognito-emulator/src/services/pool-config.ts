import type {
  CreateUserPoolRequest,
  DeviceConfigurationType,
} from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from '../errors.js';
import type { Validated } from '../targets/target.js';
import type { DeviceConfiguration, MessageTemplate, PasswordPolicy, Pool, PoolConfig } from './model.js';
import { buildSchema } from './schema.js';
import { type MfaFactors, poolSettingsFactors } from './mfa-config.js';
import type { Rule, Shape } from '../validation.js';
import { SIGN_IN_POLICY, signInPolicyFromInput } from './user-auth-policy.js';
import { LAMBDA_CONFIG, lambdaConfigFromInput } from '../lambda/lambda-config.js';

export const POOL_NAME: Rule = { type: 'string', min: 1, max: 128, pattern: /^[\w\s+=,.@-]+$/ };

const VERIFIABLE = ['email', 'phone_number'] as const;
const TEMPLATE: Rule = {
  type: 'structure',
  members: {
    EmailMessage: { type: 'string', min: 6, max: 20000 },
    EmailSubject: { type: 'string', min: 1, max: 140 },
    SMSMessage: { type: 'string', min: 6, max: 140 },
    EmailMessageByLink: { type: 'string', min: 6, max: 20000 },
    EmailSubjectByLink: { type: 'string', min: 1, max: 140 },
    DefaultEmailOption: { type: 'string', enum: ['CONFIRM_WITH_LINK', 'CONFIRM_WITH_CODE'] },
  },
};

/** The settings CreateUserPool and UpdateUserPool both take, as the API model constrains them. */
export const POOL_SETTINGS: Shape = {
  Policies: {
    type: 'structure',
    members: {
      PasswordPolicy: {
        type: 'structure',
        members: {
          MinimumLength: { type: 'integer', min: 6, max: 99 },
          RequireUppercase: { type: 'boolean' },
          RequireLowercase: { type: 'boolean' },
          RequireNumbers: { type: 'boolean' },
          RequireSymbols: { type: 'boolean' },
          PasswordHistorySize: { type: 'integer', min: 0, max: 24 },
          TemporaryPasswordValidityDays: { type: 'integer', min: 0, max: 365 },
        },
      },
      SignInPolicy: SIGN_IN_POLICY,
    },
  },
  DeletionProtection: { type: 'string', enum: ['ACTIVE', 'INACTIVE'] },
  LambdaConfig: LAMBDA_CONFIG,
  AutoVerifiedAttributes: { type: 'list', item: { type: 'string', enum: VERIFIABLE } },
  SmsVerificationMessage: { type: 'string', min: 6, max: 140 },
  EmailVerificationMessage: { type: 'string', min: 6, max: 20000 },
  EmailVerificationSubject: { type: 'string', min: 1, max: 140 },
  VerificationMessageTemplate: TEMPLATE,
  SmsAuthenticationMessage: { type: 'string', min: 6, max: 140 },
  UserAttributeUpdateSettings: {
    type: 'structure',
    members: {
      AttributesRequireVerificationBeforeUpdate: { type: 'list', item: { type: 'string', enum: VERIFIABLE } },
    },
  },
  MfaConfiguration: { type: 'string', enum: ['OFF', 'ON', 'OPTIONAL'] },
  DeviceConfiguration: {
    type: 'structure',
    members: {
      ChallengeRequiredOnNewDevice: { type: 'boolean' },
      DeviceOnlyRememberedOnUserPrompt: { type: 'boolean' },
    },
  },
  EmailConfiguration: { type: 'structure' },
  SmsConfiguration: { type: 'structure' },
  UserPoolTags: { type: 'map' },
  AdminCreateUserConfig: {
    type: 'structure',
    members: {
      AllowAdminCreateUserOnly: { type: 'boolean' },
      UnusedAccountValidityDays: { type: 'integer', min: 0, max: 365 },
      InviteMessageTemplate: {
        type: 'structure',
        members: {
          SMSMessage: { type: 'string', min: 6, max: 140 },
          EmailMessage: { type: 'string', min: 6, max: 20000 },
          EmailSubject: { type: 'string', min: 1, max: 140 },
        },
      },
    },
  },
  UserPoolAddOns: { type: 'structure' },
  AccountRecoverySetting: { type: 'structure' },
  UserPoolTier: { type: 'string', enum: ['LITE', 'ESSENTIALS', 'PLUS'] },
};

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
export const DEFAULT_INVITATION_MESSAGE = 'Your username is {username} and temporary password is {####}. ';
export const DEFAULT_INVITATION_SUBJECT = 'Your temporary password';

/** What a pool's settings are made from: CreateUserPool's input, as its target validated it. */
export type PoolSettingsInput = Validated<CreateUserPoolRequest>;

/**
 * The stored configuration of a new pool from CreateUserPool's input, with AWS's defaults;
 * `previousFactors` are the MFA factors of the pool an UpdateUserPool replaces the settings of.
 */
export function poolConfigFromInput(input: PoolSettingsInput, previousFactors?: MfaFactors): PoolConfig {
  const passwordPolicy = input.Policies?.PasswordPolicy;
  const usernameAttributes = input.UsernameAttributes;
  const aliasAttributes = input.AliasAttributes;
  if (usernameAttributes && aliasAttributes) {
    throw invalidParameter(
      'Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.',
    );
  }
  const template: MessageTemplate = input.VerificationMessageTemplate ?? {};
  for (const message of [template.EmailMessage, input.EmailVerificationMessage]) {
    if (typeof message === 'string' && !message.includes('{####}')) {
      throw invalidParameter('The verification message must contain the {####} placeholder.');
    }
  }
  const invite = input.AdminCreateUserConfig?.InviteMessageTemplate;
  if (
    invite?.EmailMessage !== undefined &&
    !(invite.EmailMessage.includes('{####}') && invite.EmailMessage.includes('{username}'))
  ) {
    throw invalidParameter('The invitation message must contain the {username} and {####} placeholders.');
  }
  const requireVerification =
    input.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [];
  const autoVerified = input.AutoVerifiedAttributes ?? [];
  for (const name of requireVerification) {
    if (!autoVerified.includes(name)) {
      throw invalidParameter(
        `The attribute ${name} must be in AutoVerifiedAttributes to require verification before update.`,
      );
    }
  }
  const adminCreate = input.AdminCreateUserConfig ?? {};
  const deviceConfiguration = deviceConfigurationOf(input.DeviceConfiguration);
  const config: PoolConfig = {
    ...passThrough(input),
    Name: input.PoolName,
    Policies: {
      PasswordPolicy: passwordPolicy
        ? {
            MinimumLength: passwordPolicy.MinimumLength ?? 8,
            RequireUppercase: passwordPolicy.RequireUppercase ?? false,
            RequireLowercase: passwordPolicy.RequireLowercase ?? false,
            RequireNumbers: passwordPolicy.RequireNumbers ?? false,
            RequireSymbols: passwordPolicy.RequireSymbols ?? false,
            TemporaryPasswordValidityDays: passwordPolicy.TemporaryPasswordValidityDays ?? 7,
          }
        : { ...DEFAULT_PASSWORD_POLICY },
      SignInPolicy: signInPolicyFromInput(input.Policies?.SignInPolicy, input.UserPoolTier),
    },
    SchemaAttributes: buildSchema(input.Schema),
    VerificationMessageTemplate: {
      ...template,
      DefaultEmailOption: template.DefaultEmailOption ?? 'CONFIRM_WITH_CODE',
      ...(template.EmailMessage === undefined && input.EmailVerificationMessage !== undefined
        ? { EmailMessage: input.EmailVerificationMessage }
        : {}),
      ...(template.EmailSubject === undefined && input.EmailVerificationSubject !== undefined
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
    MfaConfiguration: input.MfaConfiguration ?? 'OFF',
    MfaFactors: { ...poolSettingsFactors(previousFactors, input) },
    DeletionProtection: input.DeletionProtection ?? 'INACTIVE',
    ...(deviceConfiguration ? { DeviceConfiguration: deviceConfiguration } : {}),
  };
  if (usernameAttributes) config.UsernameAttributes = usernameAttributes;
  if (aliasAttributes) config.AliasAttributes = aliasAttributes;
  if (input.AutoVerifiedAttributes) config.AutoVerifiedAttributes = input.AutoVerifiedAttributes;
  if (input.UsernameConfiguration) config.UsernameConfiguration = input.UsernameConfiguration;
  return config;
}

/**
 * A pool remembers devices once any member of `DeviceConfiguration` is given (AWS: "when you
 * provide a value for any DeviceConfiguration field, you activate" it); the other member is then
 * false. Without one, DescribeUserPool has no `DeviceConfiguration`, as AWS answers null.
 */
function deviceConfigurationOf(given: DeviceConfigurationType | undefined): DeviceConfiguration | undefined {
  if (
    given?.ChallengeRequiredOnNewDevice === undefined &&
    given?.DeviceOnlyRememberedOnUserPrompt === undefined
  )
    return undefined;
  return {
    ChallengeRequiredOnNewDevice: given.ChallengeRequiredOnNewDevice ?? false,
    DeviceOnlyRememberedOnUserPrompt: given.DeviceOnlyRememberedOnUserPrompt ?? false,
  };
}

/** Settings kept as given, for DescribeUserPool to return them. */
const PASS_THROUGH = [
  'SmsVerificationMessage',
  'SmsAuthenticationMessage',
  'EmailConfiguration',
  'SmsConfiguration',
  'UserPoolTags',
  'UserPoolAddOns',
  'AccountRecoverySetting',
  'UserAttributeUpdateSettings',
  'UserPoolTier',
] as const;

function passThrough(input: PoolSettingsInput): Record<string, object | string> {
  const kept: Record<string, object | string> = {
    LambdaConfig: lambdaConfigFromInput(input.LambdaConfig, input.UserPoolTier),
  };
  for (const name of PASS_THROUGH) {
    const value = input[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

/** The subject and body of a verification message, from the pool's template or AWS's default. */
export function verificationMessage(pool: Pool): { subject: string; message: string } {
  const template = pool.config.VerificationMessageTemplate;
  return {
    subject: template.EmailSubject ?? DEFAULT_VERIFICATION_SUBJECT,
    message: template.EmailMessage ?? DEFAULT_VERIFICATION_MESSAGE,
  };
}

/** The subject and bodies of an invitation (AdminCreateUser), from the pool's template or AWS's default. */
export function invitationMessage(pool: Pool): { subject: string; email: string; sms: string } {
  const template = pool.config.AdminCreateUserConfig.InviteMessageTemplate ?? {};
  return {
    subject: template.EmailSubject ?? DEFAULT_INVITATION_SUBJECT,
    email: template.EmailMessage ?? DEFAULT_INVITATION_MESSAGE,
    sms: template.SMSMessage ?? DEFAULT_INVITATION_MESSAGE,
  };
}
