import type { TriggerName } from './lambda-config.js';

/** How a function was reached: a handler given to `startEmulator`, a handler file, the Invoke API. */
export type LambdaRoute = 'in-process' | 'file' | 'endpoint';

/** One trigger invocation, as `GET /_emulator/lambda-invocations` and the inbox show it. */
export interface LambdaInvocation {
  /** Increasing from 1 in the emulator's life. */
  id: number;
  /** When it started, in epoch milliseconds (the emulator's clock). */
  at: number;
  poolId: string;
  trigger: TriggerName;
  triggerSource: string;
  functionName: string;
  functionArn: string;
  /** Undefined when no route knows the function. */
  route?: LambdaRoute;
  /** The event sent (UserMigration's password, wherever it appears in the record, as `(redacted)`). */
  event: unknown;
  /** The function's response, when it answered. */
  response?: unknown;
  /** The error the caller got, when it failed, and the function's own error type when it threw. */
  error?: { type: string; message: string; functionErrorType?: string };
  /** How long the invocation took, in milliseconds (wall time, whatever the emulator's clock says). */
  durationMs: number;
}

export interface InvocationFilter {
  poolId?: string;
  /** Only invocations with a greater id (to poll for new ones). */
  after?: number;
  /** At most this many, the newest. */
  latest?: number;
}

/**
 * The latest invocations, in memory (the oldest dropped past `capacity`): what a developer looks at
 * to see what their trigger received and answered. Never logged: events may hold codes.
 */
export class InvocationLog {
  private readonly entries: LambdaInvocation[] = [];
  private nextId = 1;

  constructor(private readonly capacity = 500) {}

  /** Records an invocation and gives it its id. */
  add(invocation: Omit<LambdaInvocation, 'id'>): LambdaInvocation {
    const entry = { id: this.nextId++, ...invocation };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return entry;
  }

  /** Newest first. */
  list(filter: InvocationFilter = {}): LambdaInvocation[] {
    const matching = this.entries.filter(
      (entry) =>
        (filter.poolId === undefined || entry.poolId === filter.poolId) &&
        (filter.after === undefined || entry.id > filter.after),
    );
    const newest = matching.reverse();
    return filter.latest === undefined ? newest : newest.slice(0, filter.latest);
  }
}

/**
 * The secrets of an event that records must not keep: UserMigration's `request.password` (the
 * password the user signed in with). Codes stay: showing them is what the records are for.
 */
export function secretsOf(event: unknown): string[] {
  if (!isRecord(event) || !isRecord(event.request)) return [];
  const password = event.request.password;
  return typeof password === 'string' && password !== '' ? [password] : [];
}

/**
 * A value as recorded: every string holding a secret has it replaced by `(redacted)`, at any
 * depth, wherever the function may have copied it (its response, its error message).
 */
export function redacted<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  return redact(value, secrets) as T;
}

function redact(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    return secrets.reduce((text, secret) => text.split(secret).join('(redacted)'), value);
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redact(item, secrets)]));
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
