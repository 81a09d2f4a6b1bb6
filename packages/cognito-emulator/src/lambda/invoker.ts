import { CognitoError } from '../errors.js';
import { emptyRecord } from '../records.js';
import { triggerOfSource, type CognitoTriggerEvent } from './events.js';
import { HandlerFileLoader } from './handler-files.js';
import { callHandler, LambdaFunctionError } from './handler.js';
import { InvokeApiError, invokeThroughApi } from './invoke-api.js';
import {
  type InvocationLog,
  type LambdaInvocation,
  type LambdaRoute,
  redacted,
  secretsOf,
} from './invocations.js';
import { functionNameOf, type TriggerName } from './lambda-config.js';
import type { LocalFunction } from './local-functions.js';
import {
  invalidLambdaResponse,
  lambdaFailure,
  lambdaInvocationFailed,
  lambdaNotFound,
  lambdaTimedOut,
} from './lambda-errors.js';

/** Cognito waits 5 seconds for a trigger's function, then gives up. */
export const LAMBDA_TIMEOUT_MS = 5000;

export interface LambdaInvokerOptions {
  /** Functions run in this process, by function name. */
  functions?: Record<string, LocalFunction>;
  /** Base URL of a Lambda Invoke API for the functions not in `functions`. */
  endpoint?: string;
  /** How long an invocation may take before it fails as on AWS (default 5000). */
  timeoutMs?: number;
  /** The clock of the records' `at`. */
  now?: () => number;
}

/** What an invocation's record holds before its outcome. */
type Call = Omit<LambdaInvocation, 'id' | 'response' | 'error' | 'durationMs'>;
/** How it ended: the response, or the error the caller got. */
type Outcome = Pick<LambdaInvocation, 'response' | 'error'>;

/** A failure's outcome, with the function's own error type when the function failed. */
function failed(error: CognitoError, failure?: unknown): Outcome {
  const functionErrorType = failure instanceof LambdaFunctionError ? failure.errorType : undefined;
  return {
    error: { type: error.type, message: error.message, ...(functionErrorType ? { functionErrorType } : {}) },
  };
}

/** Milliseconds since a `performance.now()` time, to a tenth. */
const millisSince = (started: number) => Math.round((performance.now() - started) * 10) / 10;

/** Marks the timer's win in the race against an invocation. */
const TIMED_OUT = Symbol('timed out');

/**
 * Runs the functions of triggers, found by the function name in their ARN: in this process (a
 * handler given to `startEmulator`, or a handler file, reloaded when it changes), else through a
 * Lambda Invoke API endpoint, else not at all (failing as AWS does when the function is gone).
 * Every invocation is recorded in `log`.
 */
export class LambdaInvoker {
  private readonly functions: Record<string, LocalFunction>;
  private readonly files = new HandlerFileLoader();
  private readonly now: () => number;

  constructor(
    readonly log: InvocationLog,
    private readonly options: LambdaInvokerOptions = {},
  ) {
    this.functions = options.functions ?? emptyRecord();
    this.now = options.now ?? Date.now;
  }

  /**
   * Invokes a trigger's function with an event and resolves with its response, as JSON carries it
   * (`null` for none). Rejects with the error Cognito answers: `UserLambdaValidationException`
   * when the function fails, `UnexpectedLambdaException` when it cannot be invoked or times out,
   * `InvalidLambdaResponseException` when its output is not JSON.
   */
  async invoke(
    functionArn: string,
    event: CognitoTriggerEvent,
    options: { timeoutMs?: number } = {},
  ): Promise<unknown> {
    const functionName = functionNameOf(functionArn) ?? functionArn;
    const route = this.routeOf(functionName);
    const payload = JSON.stringify(event);
    const call: Call = {
      at: this.now(),
      poolId: event.userPoolId,
      trigger: triggerOfSource(event.triggerSource),
      triggerSource: event.triggerSource,
      functionName,
      functionArn,
      ...(route ? { route } : {}),
      event: JSON.parse(payload) as unknown,
    };
    const started = performance.now();
    const record = (outcome: Outcome) =>
      this.log.add(redacted({ ...call, ...outcome, durationMs: millisSince(started) }, secretsOf(event)));
    if (!route) {
      const error = lambdaNotFound(call.trigger);
      record(failed(error));
      throw error;
    }
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? LAMBDA_TIMEOUT_MS;
    try {
      const response = await this.withTimeout(timeoutMs, (signal, deadline) =>
        this.run(route, functionName, functionArn, payload, signal, deadline),
      );
      record({ response });
      return response;
    } catch (failure) {
      const error = cognitoErrorOf(call.trigger, failure);
      record(failed(error, failure));
      throw error;
    }
  }

  /** How a function name is reached, if at all: in this process first, then the endpoint. */
  private routeOf(functionName: string): LambdaRoute | undefined {
    const local = this.functions[functionName];
    if (typeof local === 'function') return 'in-process';
    if (local) return 'file';
    return this.options.endpoint ? 'endpoint' : undefined;
  }

  private async run(
    route: LambdaRoute,
    functionName: string,
    functionArn: string,
    payload: string,
    signal: AbortSignal,
    deadline: number,
  ): Promise<unknown> {
    if (route === 'endpoint') return invokeThroughApi(this.options.endpoint!, functionName, payload, signal);
    const local = this.functions[functionName]!;
    const handler = typeof local === 'function' ? local : await this.files.load(local);
    const response = await callHandler(handler, JSON.parse(payload), functionName, functionArn, deadline);
    return asJson(response);
  }

  /**
   * Runs an invocation against the clock: past `timeoutMs`, the call is aborted (the Invoke API
   * request) or abandoned (a handler in this process cannot be stopped; its late answer is dropped).
   */
  private async withTimeout<T>(
    timeoutMs: number,
    run: (signal: AbortSignal, deadline: number) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(TIMED_OUT);
      }, timeoutMs);
    });
    try {
      return await Promise.race([run(controller.signal, performance.now() + timeoutMs), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A response as it would travel as JSON: `undefined` becomes `null`; what JSON cannot carry is refused. */
function asJson(response: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(response);
  } catch {
    throw invalidLambdaResponse();
  }
  return text === undefined ? null : JSON.parse(text);
}

/** The error Cognito answers for a failed invocation. */
function cognitoErrorOf(trigger: TriggerName, failure: unknown): CognitoError {
  if (failure === TIMED_OUT) return lambdaTimedOut(trigger);
  if (failure instanceof CognitoError) return failure;
  if (failure instanceof LambdaFunctionError) return lambdaFailure(trigger, failure);
  if (failure instanceof InvokeApiError) {
    return failure.notFound ? lambdaNotFound(trigger) : lambdaInvocationFailed(trigger, failure.errorType);
  }
  return lambdaFailure(trigger, failure);
}
