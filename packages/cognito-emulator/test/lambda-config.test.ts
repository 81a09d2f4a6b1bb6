import type { LambdaConfigType } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { CognitoError } from '../src/errors.js';
import { triggerOfSource } from '../src/lambda/events.js';
import {
  functionNameOf,
  LAMBDA_CONFIG,
  lambdaConfigFromInput,
  type PoolTier,
  triggerFunctions,
} from '../src/lambda/lambda-config.js';
import type { Validated } from '../src/targets/target.js';
import { validate } from '../src/validation.js';
import { arnOf } from './lambda-helpers.js';

const KMS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** A `LambdaConfig` through what CreateUserPool does with it: the model's constraints, then the rules. */
function configOf(input: Record<string, unknown>, tier?: PoolTier): LambdaConfigType {
  const checked = validate({ LambdaConfig: input }, { LambdaConfig: LAMBDA_CONFIG });
  return lambdaConfigFromInput(checked.LambdaConfig as Validated<LambdaConfigType>, tier);
}

function refusal(input: Record<string, unknown>, tier?: PoolTier): { type: string; message: string } {
  try {
    configOf(input, tier);
  } catch (error) {
    expect(error).toBeInstanceOf(CognitoError);
    return { type: (error as CognitoError).type, message: (error as CognitoError).message };
  }
  throw new Error('accepted');
}

const PATTERN =
  'arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?';

describe('a pool\u2019s LambdaConfig', () => {
  it('keeps every plain trigger ARN as given', () => {
    const input = {
      PreSignUp: arnOf('pre-sign-up'),
      CustomMessage: arnOf('custom-message'),
      PostConfirmation: arnOf('post-confirmation'),
      PreAuthentication: arnOf('pre-auth'),
      PostAuthentication: `${arnOf('post-auth')}:live`,
      DefineAuthChallenge: arnOf('define'),
      CreateAuthChallenge: arnOf('create'),
      VerifyAuthChallengeResponse: arnOf('verify'),
      UserMigration: `${arnOf('migrate')}:7`,
    };
    expect(configOf(input)).toEqual(input);
    expect(configOf({})).toEqual({});
    expect(lambdaConfigFromInput(undefined, undefined)).toEqual({});
  });

  it('refuses an ARN as the API model does, with its message', () => {
    expect(refusal({ PreSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:bad name' })).toEqual({
      type: 'InvalidParameterException',
      message:
        "1 validation error detected: Value 'arn:aws:lambda:us-east-1:123456789012:function:bad name' at " +
        `'lambdaConfig.preSignUp' failed to satisfy constraint: Member must satisfy regular expression pattern: ${PATTERN}`,
    });
    expect(refusal({ CustomMessage: 'arn:aws:l' }).message).toBe(
      "2 validation errors detected: Value 'arn:aws:l' at 'lambdaConfig.customMessage' failed to satisfy " +
        'constraint: Member must have length greater than or equal to 20; ' +
        "Value 'arn:aws:l' at 'lambdaConfig.customMessage' failed to satisfy constraint: Member must satisfy " +
        `regular expression pattern: ${PATTERN}`,
    );
  });

  it('refuses an ARN that names no Lambda function', () => {
    expect(refusal({ PostConfirmation: 'arn:aws:sns:us-east-1:123456789012:topic' })).toEqual({
      type: 'InvalidParameterException',
      message:
        'PostConfirmation must be the ARN of a Lambda function (arn:aws:lambda:<region>:<account>:function:<name>), ' +
        'not arn:aws:sns:us-east-1:123456789012:topic.',
    });
    expect(
      refusal({
        PreTokenGenerationConfig: {
          LambdaArn: 'arn:aws:lambda:us-east-1:123456789012:layer:x',
          LambdaVersion: 'V1_0',
        },
      }).message,
    ).toMatch(/^PreTokenGenerationConfig\.LambdaArn must be the ARN of a Lambda function/);
  });

  it('sets PreTokenGenerationConfig (V1_0) from the legacy PreTokenGeneration, and the legacy field from it', () => {
    expect(configOf({ PreTokenGeneration: arnOf('tokens') })).toEqual({
      PreTokenGeneration: arnOf('tokens'),
      PreTokenGenerationConfig: { LambdaArn: arnOf('tokens'), LambdaVersion: 'V1_0' },
    });
    expect(
      configOf({ PreTokenGenerationConfig: { LambdaArn: arnOf('tokens'), LambdaVersion: 'V2_0' } }),
    ).toEqual({
      PreTokenGeneration: arnOf('tokens'),
      PreTokenGenerationConfig: { LambdaArn: arnOf('tokens'), LambdaVersion: 'V2_0' },
    });
    const both = {
      PreTokenGeneration: arnOf('tokens'),
      PreTokenGenerationConfig: { LambdaArn: arnOf('tokens'), LambdaVersion: 'V3_0' },
    };
    expect(configOf(both)).toEqual(both);
  });

  it('refuses a legacy PreTokenGeneration that differs from PreTokenGenerationConfig', () => {
    expect(
      refusal({
        PreTokenGeneration: arnOf('old-tokens'),
        PreTokenGenerationConfig: { LambdaArn: arnOf('tokens'), LambdaVersion: 'V2_0' },
      }),
    ).toEqual({
      type: 'InvalidParameterException',
      message:
        'PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must be the same ARN when both are set.',
    });
  });

  it('checks the versions each versioned trigger takes, and their required members', () => {
    expect(
      refusal({ PreTokenGenerationConfig: { LambdaArn: arnOf('tokens'), LambdaVersion: 'V4_0' } }),
    ).toEqual({
      type: 'InvalidParameterException',
      message:
        "1 validation error detected: Value 'V4_0' at 'lambdaConfig.preTokenGenerationConfig.lambdaVersion' " +
        'failed to satisfy constraint: Member must satisfy enum value set: [V1_0, V2_0, V3_0]',
    });
    expect(
      refusal({ CustomEmailSender: { LambdaArn: arnOf('mail'), LambdaVersion: 'V2_0' }, KMSKeyID: KMS_KEY })
        .message,
    ).toContain(
      "at 'lambdaConfig.customEmailSender.lambdaVersion' failed to satisfy constraint: Member must satisfy enum value set: [V1_0]",
    );
    expect(refusal({ CustomSMSSender: { LambdaVersion: 'V1_0' }, KMSKeyID: KMS_KEY }).message).toBe(
      "1 validation error detected: Value null at 'lambdaConfig.customSMSSender.lambdaArn' failed to satisfy " +
        'constraint: Member must not be null',
    );
  });

  it('needs the KMS key that encrypts custom senders\u2019 codes', () => {
    const senders = {
      CustomEmailSender: { LambdaArn: arnOf('mail'), LambdaVersion: 'V1_0' },
      CustomSMSSender: { LambdaArn: arnOf('sms'), LambdaVersion: 'V1_0' },
    };
    expect(refusal(senders)).toEqual({
      type: 'InvalidParameterException',
      message: 'KMSKeyID is required when CustomEmailSender or CustomSMSSender is set.',
    });
    expect(configOf({ ...senders, KMSKeyID: KMS_KEY })).toEqual({ ...senders, KMSKeyID: KMS_KEY });
    expect(refusal({ ...senders, KMSKeyID: 'alias/cognito' }).message).toContain(
      "at 'lambdaConfig.kMSKeyID'",
    );
  });

  it('allows access-token customization (V2_0, V3_0) above the Lite tier only', () => {
    const v2 = { PreTokenGenerationConfig: { LambdaArn: arnOf('tokens'), LambdaVersion: 'V2_0' } };
    expect(refusal(v2, 'LITE')).toEqual({
      type: 'FeatureUnavailableInTierException',
      message: 'Pre token generation V2_0 is not available in the Lite tier of Amazon Cognito user pools.',
    });
    expect(configOf(v2, 'ESSENTIALS').PreTokenGenerationConfig?.LambdaVersion).toBe('V2_0');
    expect(configOf(v2, undefined).PreTokenGenerationConfig?.LambdaVersion).toBe('V2_0');
    expect(configOf({ PreTokenGeneration: arnOf('tokens') }, 'LITE').PreTokenGeneration).toBe(
      arnOf('tokens'),
    );
  });
});

describe('the functions of a pool\u2019s triggers', () => {
  it('maps each trigger to its ARN, function name and event version', () => {
    const config = configOf({
      PreSignUp: `${arnOf('pre-sign-up')}:live`,
      PreTokenGeneration: arnOf('tokens'),
      PreTokenGenerationConfig: { LambdaArn: arnOf('tokens'), LambdaVersion: 'V2_0' },
      CustomEmailSender: { LambdaArn: arnOf('mail'), LambdaVersion: 'V1_0' },
      KMSKeyID: KMS_KEY,
    });
    expect(triggerFunctions(config)).toEqual({
      PreSignUp: { arn: `${arnOf('pre-sign-up')}:live`, functionName: 'pre-sign-up', version: 'V1_0' },
      PreTokenGeneration: { arn: arnOf('tokens'), functionName: 'tokens', version: 'V2_0' },
      CustomEmailSender: { arn: arnOf('mail'), functionName: 'mail', version: 'V1_0' },
    });
    expect(triggerFunctions(undefined)).toEqual({});
    // A configuration stored with only the legacy field still runs its function, as V1_0.
    expect(triggerFunctions({ PreTokenGeneration: arnOf('tokens') })).toEqual({
      PreTokenGeneration: { arn: arnOf('tokens'), functionName: 'tokens', version: 'V1_0' },
    });
  });

  it('finds the function name in an ARN, with or without a qualifier', () => {
    expect(functionNameOf(arnOf('my_function-1'))).toBe('my_function-1');
    expect(functionNameOf('arn:aws-cn:lambda:cn-north-1:123456789012:function:f:PROD')).toBe('f');
    expect(functionNameOf('arn:aws:lambda:us-east-1:123456789012:function:')).toBeUndefined();
    expect(functionNameOf('arn:aws:s3:::bucket')).toBeUndefined();
    expect(functionNameOf('my-function')).toBeUndefined();
  });

  it('names the trigger of every trigger source', () => {
    expect(triggerOfSource('PreSignUp_AdminCreateUser')).toBe('PreSignUp');
    expect(triggerOfSource('TokenGeneration_RefreshTokens')).toBe('PreTokenGeneration');
    expect(triggerOfSource('TokenGeneration_ClientCredentials')).toBe('PreTokenGeneration');
    expect(triggerOfSource('CustomEmailSender_AccountTakeOverNotification')).toBe('CustomEmailSender');
    expect(triggerOfSource('VerifyAuthChallengeResponse_Authentication')).toBe('VerifyAuthChallengeResponse');
    expect(triggerOfSource('UserMigration_ForgotPassword')).toBe('UserMigration');
  });
});
