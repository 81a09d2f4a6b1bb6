import type { TriggerHandler, TriggerHandlers, TriggerName } from '../triggers/trigger-handler.js';

/** Pre token generation's event versions: `V1_0` changes the ID token; `V2_0` and `V3_0` the access token too. */
export type TokenGenerationVersion = 'V1_0' | 'V2_0' | 'V3_0';

/** What the emulator is given for an application's triggers: its functions by name, and the pool's `LambdaConfig`. */
export interface TriggerSetup {
  lambdas: Record<string, TriggerHandler>;
  lambdaConfig: Record<string, unknown>;
}

/** The triggers configured with `{ LambdaArn, LambdaVersion }` rather than an ARN alone. */
const VERSIONED: Partial<Record<TriggerName, string>> = {
  PreTokenGeneration: 'PreTokenGenerationConfig',
  CustomEmailSender: 'CustomEmailSender',
  CustomSMSSender: 'CustomSMSSender',
};

/** A key ARN for the custom senders, which Cognito requires with them (the emulator encrypts nothing). */
const KMS_KEY = 'arn:aws:kms:us-east-1:000000000000:key/nest-cognito-testing';

const arnOf = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/**
 * Each handler becomes a function named after its trigger (`nest-cognito-PreSignUp`, ...) that the
 * emulator runs in this process, and the pool's `LambdaConfig` names it for that trigger, as a
 * deployed pool names the application's Lambda functions.
 */
export function triggerSetup(
  triggers: TriggerHandlers,
  tokenGenerationVersion: TokenGenerationVersion,
): TriggerSetup {
  const lambdas: Record<string, TriggerHandler> = {};
  const lambdaConfig: Record<string, unknown> = {};
  for (const [trigger, handler] of Object.entries(triggers) as [TriggerName, TriggerHandler | undefined][]) {
    if (handler === undefined) continue;
    const name = `nest-cognito-${trigger}`;
    lambdas[name] = handler;
    const versioned = VERSIONED[trigger];
    if (versioned === undefined) lambdaConfig[trigger] = arnOf(name);
    else {
      const version = trigger === 'PreTokenGeneration' ? tokenGenerationVersion : 'V1_0';
      lambdaConfig[versioned] = { LambdaArn: arnOf(name), LambdaVersion: version };
    }
  }
  if (triggers.CustomEmailSender || triggers.CustomSMSSender) lambdaConfig.KMSKeyID = KMS_KEY;
  return { lambdas, lambdaConfig };
}
