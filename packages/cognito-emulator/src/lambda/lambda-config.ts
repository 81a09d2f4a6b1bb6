import type {
  LambdaConfigType,
  PreTokenGenerationLambdaVersionType,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoError, invalidParameter } from '../errors.js';
import type { Validated } from '../targets/target.js';
import type { Rule } from '../validation.js';

/**
 * `ArnType` of the API model: what CreateUserPool and UpdateUserPool accept for every trigger ARN
 * and for `KMSKeyID` (checked with the model's own messages by the shared validation).
 */
export const ARN: Rule = {
  type: 'string',
  min: 20,
  max: 2048,
  pattern:
    /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/,
};

const versioned = (versions: readonly string[]): Rule => ({
  type: 'structure',
  members: {
    LambdaVersion: { type: 'string', required: true, enum: versions },
    LambdaArn: { ...ARN, required: true },
  },
});

/** The triggers that take a plain ARN, named as `LambdaConfig` names them. */
export const PLAIN_TRIGGERS = [
  'PreSignUp',
  'CustomMessage',
  'PostConfirmation',
  'PreAuthentication',
  'PostAuthentication',
  'DefineAuthChallenge',
  'CreateAuthChallenge',
  'VerifyAuthChallengeResponse',
  'PreTokenGeneration',
  'UserMigration',
] as const;

/** The triggers configured with `{ LambdaArn, LambdaVersion }`, and the versions each accepts. */
const VERSIONED_TRIGGERS = {
  PreTokenGenerationConfig: ['V1_0', 'V2_0', 'V3_0'],
  CustomSMSSender: ['V1_0'],
  CustomEmailSender: ['V1_0'],
  InboundFederation: ['V1_0'],
} as const;

/** `LambdaConfig` (`LambdaConfigType`) of CreateUserPool and UpdateUserPool, as the API model constrains it. */
export const LAMBDA_CONFIG: Rule = {
  type: 'structure',
  members: {
    ...Object.fromEntries(PLAIN_TRIGGERS.map((name) => [name, ARN])),
    ...Object.fromEntries(
      Object.entries(VERSIONED_TRIGGERS).map(([name, versions]) => [name, versioned(versions)]),
    ),
    KMSKeyID: ARN,
  },
};

/** A trigger of a user pool, as Cognito names it in errors ("PreSignUp failed with error ..."). */
export type TriggerName =
  (typeof PLAIN_TRIGGERS)[number] | 'CustomSMSSender' | 'CustomEmailSender' | 'InboundFederation';

/** The version of the event a trigger receives (`V1_0` for every trigger but pre token generation). */
export type TriggerVersion = PreTokenGenerationLambdaVersionType;

/** Where one trigger's function is: its ARN, the function name in it, and the event version. */
export interface TriggerFunction {
  arn: string;
  functionName: string;
  version: TriggerVersion;
}

/** The functions of a pool's triggers, by trigger. */
export type TriggerMap = Partial<Record<TriggerName, TriggerFunction>>;

/**
 * A Lambda function's ARN: `arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]`
 * (a version or an alias as qualifier). The name is what the emulator runs a function by.
 */
const FUNCTION_ARN =
  /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]{1,64})(?::([A-Za-z0-9_-]{1,128}))?$/;

/** The function name in a Lambda function ARN, or undefined for any other ARN. */
export function functionNameOf(arn: string): string | undefined {
  return FUNCTION_ARN.exec(arn)?.[1];
}

/** A pool's feature plan (`UserPoolTier`): pre token generation above `V1_0` needs more than Lite. */
export type PoolTier = 'LITE' | 'ESSENTIALS' | 'PLUS';

/**
 * A pool's `LambdaConfig` as it is stored and described, from the input the model constraints
 * (`LAMBDA_CONFIG`) already checked. Cognito keeps the legacy `PreTokenGeneration` and
 * `PreTokenGenerationConfig.LambdaArn` identical: either one sets both (the legacy field alone
 * meaning version `V1_0`); given together, they must name the same function. Custom senders need
 * the KMS key that encrypts their codes; access-token customization (`V2_0`, `V3_0`) needs a tier
 * above Lite (a pool without `UserPoolTier` is Essentials, AWS's default since late 2024).
 * Every ARN must name a Lambda function, which the emulator runs by name.
 */
export function lambdaConfigFromInput(
  input: Validated<LambdaConfigType> | undefined,
  tier: PoolTier | undefined,
): LambdaConfigType {
  if (!input) return {};
  for (const [path, arn] of triggerArns(input)) assertFunctionArn(path, arn);
  const legacy = input.PreTokenGeneration;
  const versioned = input.PreTokenGenerationConfig;
  if (legacy !== undefined && versioned !== undefined && legacy !== versioned.LambdaArn) {
    throw invalidParameter(
      'PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must be the same ARN when both are set.',
    );
  }
  if ((input.CustomEmailSender || input.CustomSMSSender) && input.KMSKeyID === undefined) {
    throw invalidParameter('KMSKeyID is required when CustomEmailSender or CustomSMSSender is set.');
  }
  if (versioned && versioned.LambdaVersion !== 'V1_0' && tier === 'LITE') {
    throw new CognitoError(
      'FeatureUnavailableInTierException',
      `Pre token generation ${versioned.LambdaVersion} is not available in the Lite tier of Amazon Cognito user pools.`,
    );
  }
  const config: LambdaConfigType = { ...input };
  const preToken: { LambdaArn: string; LambdaVersion: TriggerVersion } | undefined =
    versioned ?? (legacy !== undefined ? { LambdaArn: legacy, LambdaVersion: 'V1_0' } : undefined);
  if (preToken) {
    config.PreTokenGeneration = preToken.LambdaArn;
    config.PreTokenGenerationConfig = {
      LambdaArn: preToken.LambdaArn,
      LambdaVersion: preToken.LambdaVersion,
    };
  }
  return config;
}

/** Every ARN of a `LambdaConfig` but the KMS key's, with the path an error names it by. */
function triggerArns(config: Validated<LambdaConfigType>): [string, string][] {
  const arns: [string, string][] = [];
  for (const name of PLAIN_TRIGGERS) {
    const arn = config[name];
    if (arn !== undefined) arns.push([name, arn]);
  }
  for (const name of Object.keys(VERSIONED_TRIGGERS) as (keyof typeof VERSIONED_TRIGGERS)[]) {
    const arn = config[name]?.LambdaArn;
    if (arn !== undefined) arns.push([`${name}.LambdaArn`, arn]);
  }
  return arns;
}

function assertFunctionArn(path: string, arn: string): void {
  if (functionNameOf(arn) === undefined) {
    throw invalidParameter(
      `${path} must be the ARN of a Lambda function (arn:aws:lambda:<region>:<account>:function:<name>), not ${arn}.`,
    );
  }
}

/**
 * The functions of a stored `LambdaConfig`, by trigger. Pre token generation comes from
 * `PreTokenGenerationConfig` (its version) or, in a configuration stored before it existed, from
 * the legacy field (`V1_0`). ARNs that name no function (not stored by this module) are left out.
 */
export function triggerFunctions(config: LambdaConfigType | undefined): TriggerMap {
  const map: TriggerMap = {};
  if (!config) return map;
  const add = (trigger: TriggerName, arn: string | undefined, version: TriggerVersion = 'V1_0') => {
    const functionName = arn === undefined ? undefined : functionNameOf(arn);
    if (arn !== undefined && functionName !== undefined) map[trigger] = { arn, functionName, version };
  };
  for (const name of PLAIN_TRIGGERS) add(name, config[name]);
  const preToken = config.PreTokenGenerationConfig;
  if (preToken?.LambdaArn) add('PreTokenGeneration', preToken.LambdaArn, preToken.LambdaVersion ?? 'V1_0');
  add('CustomSMSSender', config.CustomSMSSender?.LambdaArn);
  add('CustomEmailSender', config.CustomEmailSender?.LambdaArn);
  add('InboundFederation', config.InboundFederation?.LambdaArn);
  return map;
}
