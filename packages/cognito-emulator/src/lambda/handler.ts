import { randomUUID } from 'node:crypto';
import type { CognitoTriggerEvent } from './events.js';

/** The callback of a callback-style handler: `callback(error)` or `callback(null, result)`. */
export type LambdaCallback = (error?: unknown, result?: unknown) => void;

/** The `context` the Node.js Lambda runtime passes to a handler, as far as a trigger can use it. */
export interface LambdaContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  /** Milliseconds left before Cognito gives up on the function (5 s from the start, on AWS). */
  getRemainingTimeInMillis(): number;
  /** The runtime's legacy completion calls, equivalent to the callback. */
  done(error?: unknown, result?: unknown): void;
  succeed(result?: unknown): void;
  fail(error: unknown): void;
}

/**
 * A trigger's handler as the Node.js Lambda runtime calls it: async (returns a promise of the
 * response) or callback style (`(event, context, callback)`). Declared through a method so that its
 * parameter is bivariant: a handler written for one trigger's event
 * (`async (event: PreSignUpTriggerEvent) => event`) fits where any trigger event is declared, as
 * one function receives the events of whichever triggers name it.
 */
export type LambdaHandler<Event = CognitoTriggerEvent> = {
  handler(event: Event, context: LambdaContext, callback: LambdaCallback): unknown;
}['handler'];

/** A function's failure as Lambda reports it (`errorType`, `errorMessage`). */
export class LambdaFunctionError extends Error {
  constructor(
    readonly errorType: string,
    readonly errorMessage: string,
  ) {
    super(errorMessage);
    this.name = 'LambdaFunctionError';
  }

  /**
   * What the Node.js runtime reports for a value a handler threw or failed with: an error's name
   * and message; anything else by its type and text (`callback('denied')` → `string`, `denied`).
   */
  static of(failure: unknown): LambdaFunctionError {
    if (failure instanceof LambdaFunctionError) return failure;
    if (failure instanceof Error) return new LambdaFunctionError(failure.name, failure.message);
    return new LambdaFunctionError(typeof failure, String(failure));
  }
}

/** The context of one invocation; `deadline` is in `performance.now()` milliseconds. */
export function lambdaContext(
  functionName: string,
  functionArn: string,
  deadline: number,
  settle: LambdaCallback,
): LambdaContext {
  const now = new Date();
  const day = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${String(now.getUTCDate()).padStart(2, '0')}`;
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, Math.round(deadline - performance.now())),
    done: (error, result) => settle(error, result),
    succeed: (result) => settle(null, result),
    fail: (error) => settle(error ?? new Error('fail() was called')),
  };
}

/**
 * Calls a handler the way the Node.js Lambda runtime does and settles with its response: a
 * returned promise settles it; otherwise the callback (or `context.done/succeed/fail`) does. A
 * handler that takes no callback and returns no promise ends with a `null` response, as on
 * Lambda once its event loop is empty (its return value is ignored there too). The first
 * settlement wins; later ones are ignored, as the runtime ignores them.
 */
export function callHandler(
  handler: LambdaHandler<unknown>,
  event: unknown,
  functionName: string,
  functionArn: string,
  deadline: number,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle: LambdaCallback = (error, result) => {
      if (settled) return;
      settled = true;
      if (error !== null && error !== undefined) reject(LambdaFunctionError.of(error));
      else resolve(result);
    };
    const context = lambdaContext(functionName, functionArn, deadline, settle);
    let returned: unknown;
    try {
      returned = handler(event, context, settle);
    } catch (error) {
      settle(error ?? new Error('The handler threw without an error.'));
      return;
    }
    if (isThenable(returned)) {
      returned.then(
        (result) => settle(null, result),
        (error: unknown) => settle(error ?? new Error('The handler rejected without an error.')),
      );
    } else if (handler.length < 3) {
      setImmediate(() => settle(null, null));
    }
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
