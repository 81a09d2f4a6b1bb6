import type { EmulatorContext } from '../context.js';
import { type Shape, validate } from '../validation.js';

/**
 * A request as a handler sees it: the SDK's `XxxRequest`, with the members the API model requires
 * present, at every depth (the SDK types them `T | undefined`; the target's `input` constraints
 * refuse their absence, and the conformance suite checks that they require exactly the model's
 * top-level members).
 */
export type Validated<T> = T extends readonly (infer U)[]
  ? Validated<U>[]
  : T extends object
    ? { [K in RequiredKeys<T>]-?: Validated<NonNullable<T[K]>> } & {
        [K in Exclude<keyof T, RequiredKeys<T>>]?: Validated<T[K]>;
      }
    : T;
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** An answer as it goes on the wire: timestamps as epoch seconds, blobs as base64 text. */
export type Wire<T> = T extends Date
  ? number
  : T extends Uint8Array
    ? string
    : T extends readonly (infer U)[]
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

/** The answer of an operation without an output structure: `{}`. */
export type NoOutput = Record<string, never>;

/** What a handler may know of its request besides the body. */
export interface RequestInfo {
  /** The caller's IP address (a device's `last_ip_used`), when the socket tells it. */
  sourceIp: string | null;
}

/**
 * One operation of the API, declared in one place: whether AWS requires a SigV4-signed request
 * (admin and management operations), the constraints of its input (checked once, before the
 * handler), and the handler, typed by the SDK's request and response types.
 */
export interface Target<I = unknown, O = unknown> {
  readonly signed: boolean;
  readonly input: Shape;
  readonly handler: (
    ctx: EmulatorContext,
    input: Validated<I>,
    request: RequestInfo,
  ) => Promise<Wire<O>> | Wire<O>;
}

/** Declares a target (an identity, for the types). */
export const target = <I, O>(definition: Target<I, O>): Target<I, O> => definition;

/**
 * Runs a target on a request body that the wire check has already typed member by member: the
 * input constraints (required members, lengths, patterns, enums), then the handler.
 */
export function runTarget(
  definition: Target,
  ctx: EmulatorContext,
  body: Record<string, unknown>,
  request: RequestInfo,
): Promise<unknown> | unknown {
  return definition.handler(ctx, validate(body, definition.input) as Validated<unknown>, request);
}
