import { CognitoError } from '../errors.js';
import { LambdaFunctionError } from './handler.js';
import type { TriggerName } from './lambda-config.js';

/**
 * A trigger's function failed (threw, rejected, called back with an error): Cognito answers
 * `UserLambdaValidationException` with the function's message, "PreSignUp failed with error X."
 * (the period added even after one of the message's own).
 */
export function lambdaFailure(trigger: TriggerName, error: unknown): CognitoError {
  return new CognitoError(
    'UserLambdaValidationException',
    `${trigger} failed with error ${LambdaFunctionError.of(error).errorMessage}.`,
  );
}

/**
 * Cognito could not invoke the function: `UnexpectedLambdaException`, "<Trigger> invocation failed
 * due to error <reason>." (AWS's knowledge center: "PreSignUp invocation failed due to error
 * AccessDeniedException." when Cognito may not invoke the function, or the function was deleted).
 */
export function lambdaInvocationFailed(trigger: TriggerName, reason: string): CognitoError {
  return new CognitoError(
    'UnexpectedLambdaException',
    `${trigger} invocation failed due to error ${reason}.`,
  );
}

/** No function of that name: as on AWS once a trigger's function is deleted (AccessDeniedException). */
export const lambdaNotFound = (trigger: TriggerName) =>
  lambdaInvocationFailed(trigger, 'AccessDeniedException');

/** The function did not answer within Cognito's 5 seconds (the message AWS answers then). */
export const lambdaTimedOut = (trigger: TriggerName) =>
  lambdaInvocationFailed(trigger, 'Socket timeout while invoking Lambda function');

/** The function answered something Cognito cannot read as a response (not JSON, or not an object). */
export const invalidLambdaResponse = () =>
  new CognitoError('InvalidLambdaResponseException', 'Unrecognizable lambda output');
