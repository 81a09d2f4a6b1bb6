import type { EmulatorContext } from '../context.js';
import type { CognitoTriggerEvent } from '../lambda/events.js';
import { triggerOfSource } from '../lambda/events.js';
import { type TriggerFunction, triggerFunctions, type TriggerName } from '../lambda/lambda-config.js';
import { invalidLambdaResponse } from '../lambda/lambda-errors.js';
import type { Pool } from './model.js';

/**
 * Runs a pool's triggers: the envelope every event carries is filled here (version, region, pool,
 * caller context), the flow gives what is particular to it (source, user, request, the response's
 * defaults), and the function's answer is read back as Cognito reads it: the event it returns, of
 * which only `response` counts.
 */

/** `callerContext.clientId` where no app client is involved (AdminCreateUser, for one), as AWS sends it. */
export const CLIENT_ID_NOT_APPLICABLE = 'CLIENT_ID_NOT_APPLICABLE';

/** What AWS puts in `callerContext.awsSdkVersion` when it cannot tell the caller's SDK. */
const UNKNOWN_SDK = 'aws-sdk-unknown-unknown';

/** What a flow gives to run one trigger. */
export type TriggerCall<E extends CognitoTriggerEvent> = Pick<
  E,
  'triggerSource' | 'userName' | 'request' | 'response'
> & {
  /** The app client of the call; `CLIENT_ID_NOT_APPLICABLE` without one. */
  clientId?: string;
};

/** The function of a pool's trigger, if the pool has one. */
export function triggerOf(pool: Pool, trigger: TriggerName): TriggerFunction | undefined {
  return triggerFunctions(pool.config.LambdaConfig)[trigger];
}

/** The event version a function gets: `1`, but `2` and `3` for pre token generation V2_0 and V3_0. */
function eventVersion(fn: TriggerFunction): string {
  if (fn.version === 'V2_0') return '2';
  if (fn.version === 'V3_0') return '3';
  return '1';
}

/**
 * Invokes the pool's function for the call's trigger source and answers the response it returned,
 * or `undefined` when the pool has no such trigger (the flow then goes on as without one). A
 * function's failure rejects with the error Cognito answers (see `LambdaInvoker.invoke`); an answer
 * that is not an event with a `response` object is `InvalidLambdaResponseException`.
 */
export async function runTrigger<E extends CognitoTriggerEvent>(
  ctx: EmulatorContext,
  pool: Pool,
  call: TriggerCall<E>,
): Promise<E['response'] | undefined> {
  const fn = triggerOf(pool, triggerOfSource(call.triggerSource));
  if (!fn) return undefined;
  const event = {
    version: eventVersion(fn),
    triggerSource: call.triggerSource,
    region: ctx.region,
    userPoolId: pool.id,
    userName: call.userName,
    callerContext: { awsSdkVersion: UNKNOWN_SDK, clientId: call.clientId ?? CLIENT_ID_NOT_APPLICABLE },
    request: call.request,
    response: call.response,
  } as CognitoTriggerEvent;
  const answer = await ctx.lambdas.invoke(fn.arn, event);
  if (!isObject(answer) || !isObject(answer.response)) throw invalidLambdaResponse();
  return answer.response as E['response'];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
