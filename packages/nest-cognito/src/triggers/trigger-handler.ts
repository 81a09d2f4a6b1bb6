import type {
  CognitoTriggerEvent,
  CreateAuthChallengeTriggerEvent,
  CustomEmailSenderTriggerEvent,
  CustomMessageTriggerEvent,
  CustomSMSSenderTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  PostAuthenticationTriggerEvent,
  PostConfirmationTriggerEvent,
  PreAuthenticationTriggerEvent,
  PreSignUpTriggerEvent,
  PreTokenGenerationTriggerEvent,
  PreTokenGenerationV2TriggerEvent,
  PreTokenGenerationV3TriggerEvent,
  UserMigrationTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from './trigger-events.js';

/** The `context` the Node.js Lambda runtime gives a handler, as far as a trigger can use it. */
export interface TriggerContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  /** Milliseconds left before Cognito stops waiting (5 seconds from the start). */
  getRemainingTimeInMillis(): number;
  done(error?: unknown, result?: unknown): void;
  succeed(result?: unknown): void;
  fail(error: unknown): void;
}

/** A callback-style handler's way to answer: `callback(error)` or `callback(null, event)`. */
export type TriggerCallback = (error?: unknown, result?: unknown) => void;

/**
 * A trigger's handler as Lambda's Node.js runtime calls it: `async (event) => event` (the event,
 * its `response` filled in), or callback style. Declared as a method so that a handler typed for
 * one trigger's event also fits where any event is expected, as with `@types/aws-lambda`'s.
 */
export type TriggerHandler<Event = CognitoTriggerEvent> = {
  handle(event: Event, context: TriggerContext, callback: TriggerCallback): unknown;
}['handle'];

/**
 * An application's trigger handlers by the name the pool's `LambdaConfig` gives each trigger
 * (`PreTokenGeneration` for any version of its event).
 */
export interface TriggerHandlers {
  PreSignUp?: TriggerHandler<PreSignUpTriggerEvent>;
  CustomMessage?: TriggerHandler<CustomMessageTriggerEvent>;
  PostConfirmation?: TriggerHandler<PostConfirmationTriggerEvent>;
  PreAuthentication?: TriggerHandler<PreAuthenticationTriggerEvent>;
  PostAuthentication?: TriggerHandler<PostAuthenticationTriggerEvent>;
  DefineAuthChallenge?: TriggerHandler<DefineAuthChallengeTriggerEvent>;
  CreateAuthChallenge?: TriggerHandler<CreateAuthChallengeTriggerEvent>;
  VerifyAuthChallengeResponse?: TriggerHandler<VerifyAuthChallengeResponseTriggerEvent>;
  PreTokenGeneration?:
    | TriggerHandler<PreTokenGenerationTriggerEvent>
    | TriggerHandler<PreTokenGenerationV2TriggerEvent>
    | TriggerHandler<PreTokenGenerationV3TriggerEvent>;
  UserMigration?: TriggerHandler<UserMigrationTriggerEvent>;
  CustomEmailSender?: TriggerHandler<CustomEmailSenderTriggerEvent>;
  CustomSMSSender?: TriggerHandler<CustomSMSSenderTriggerEvent>;
}

/** The triggers `TriggerHandlers` names. */
export type TriggerName = keyof TriggerHandlers;
