import type { UpdateUserPoolCommandInput, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import type { EmailTemplatesInput } from './cognito-admin.types.js';

/** What is wrong with templates (each placeholder Cognito needs), one line per problem; none when fine. */
export function templateProblems(input: EmailTemplatesInput): string[] {
  const problems: string[] = [];
  if (!input.verification && !input.invitation) {
    problems.push('verification or invitation is required (at least one template)');
  }
  if (input.verification && !input.verification.html.includes('{####}')) {
    problems.push('verification.html must contain the {####} placeholder (the code)');
  }
  if (
    input.invitation &&
    !(input.invitation.html.includes('{####}') && input.invitation.html.includes('{username}'))
  ) {
    problems.push('invitation.html must contain the {username} and {####} placeholders');
  }
  return problems;
}

/**
 * The `UpdateUserPool` input that changes the templates of a described pool and keeps every other
 * setting as it is (`UpdateUserPool` resets every setting it is not given).
 */
export function withTemplates(
  pool: UserPoolType,
  userPoolId: string,
  input: EmailTemplatesInput,
): UpdateUserPoolCommandInput {
  const update = updatableSettings(pool);
  update.UserPoolId = userPoolId;
  if (input.verification) {
    update.VerificationMessageTemplate = {
      ...update.VerificationMessageTemplate,
      DefaultEmailOption: 'CONFIRM_WITH_CODE',
      EmailSubject: input.verification.subject,
      EmailMessage: input.verification.html,
    };
  }
  if (input.invitation) {
    update.AdminCreateUserConfig = {
      ...update.AdminCreateUserConfig,
      InviteMessageTemplate: {
        ...update.AdminCreateUserConfig?.InviteMessageTemplate,
        EmailSubject: input.invitation.subject,
        EmailMessage: input.invitation.html,
      },
    };
  }
  return update;
}

/** The settings of a described pool that UpdateUserPool takes, as they are (nothing reset). */
function updatableSettings(pool: UserPoolType): UpdateUserPoolCommandInput {
  const keys = [
    'Policies',
    'DeletionProtection',
    'LambdaConfig',
    'AutoVerifiedAttributes',
    'SmsVerificationMessage',
    'VerificationMessageTemplate',
    'SmsAuthenticationMessage',
    'UserAttributeUpdateSettings',
    'MfaConfiguration',
    'DeviceConfiguration',
    'EmailConfiguration',
    'SmsConfiguration',
    'UserPoolTags',
    'AdminCreateUserConfig',
    'UserPoolAddOns',
    'AccountRecoverySetting',
    'UserPoolTier',
  ] as const;
  const update: Record<string, unknown> = {};
  for (const key of keys) if (pool[key] !== undefined) update[key] = pool[key];
  // Deprecated since the template exists; a stale value would contradict it.
  const template = update.VerificationMessageTemplate as Record<string, unknown> | undefined;
  if (template) delete template.SMSMessage;
  return update as unknown as UpdateUserPoolCommandInput;
}
