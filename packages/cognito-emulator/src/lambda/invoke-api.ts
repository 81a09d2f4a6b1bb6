import { LambdaFunctionError } from './handler.js';
import { invalidLambdaResponse } from './lambda-errors.js';

/** Why the Invoke API could not run a function (its error type, or how the call failed). */
export class InvokeApiError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
    /** The endpoint answered that it has no such function (404 `ResourceNotFoundException`). */
    readonly notFound = false,
  ) {
    super(message);
    this.name = 'InvokeApiError';
  }
}

/**
 * Invokes a function through the Lambda Invoke API (`POST /2015-03-31/functions/<name>/invocations`,
 * `RequestResponse`), as LocalStack, `sam local start-lambda` and serverless-offline serve it. The
 * request is not SigV4-signed: those local servers do not check signatures (real AWS Lambda would
 * refuse it). Resolves with the function's response (`null` for an empty one); rejects with a
 * `LambdaFunctionError` when the function failed (`X-Amz-Function-Error`), an `InvokeApiError` when
 * the endpoint refused or could not be reached, `InvalidLambdaResponseException` when the response
 * is not JSON, and an `AbortError` when `signal` aborted.
 */
export async function invokeThroughApi(
  endpoint: string,
  functionName: string,
  event: string,
  signal: AbortSignal,
): Promise<unknown> {
  const url = `${endpoint.replace(/\/+$/, '')}/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' },
      body: event,
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new InvokeApiError(
      connectionErrorType(error),
      `The Lambda endpoint ${endpoint} could not be reached.`,
    );
  }
  const body = await response.text();
  if (!response.ok) {
    const type = errorTypeOf(response, body);
    throw new InvokeApiError(
      type,
      `The Lambda endpoint answered ${response.status} ${type}.`,
      response.status === 404,
    );
  }
  const payload = parsePayload(body);
  const functionError = response.headers.get('x-amz-function-error');
  if (functionError) {
    const failure = payload as { errorType?: unknown; errorMessage?: unknown } | null;
    throw new LambdaFunctionError(
      typeof failure?.errorType === 'string' ? failure.errorType : functionError,
      typeof failure?.errorMessage === 'string' ? failure.errorMessage : functionError,
    );
  }
  return payload;
}

/** A function's JSON response; an empty body is `null` (a function that returned nothing). */
function parsePayload(body: string): unknown {
  if (body.trim() === '') return null;
  try {
    return JSON.parse(body);
  } catch {
    throw invalidLambdaResponse();
  }
}

/** The Lambda error type of a refusal: `x-amzn-ErrorType`, the body's `__type` or `Type`, or the status. */
function errorTypeOf(response: Response, body: string): string {
  const header = response.headers.get('x-amzn-errortype');
  if (header) return header.split(':')[0]!;
  try {
    const parsed = JSON.parse(body) as { __type?: unknown; Type?: unknown };
    const type = parsed.__type ?? parsed.Type;
    if (typeof type === 'string' && type !== '') return type.split('#').pop()!;
  } catch {
    // Not JSON: named by its status below.
  }
  return `HTTP ${response.status}`;
}

/** The system error code (`ECONNREFUSED`, ...) under a failed fetch, or a generic name. */
function connectionErrorType(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : 'ConnectionError';
}
