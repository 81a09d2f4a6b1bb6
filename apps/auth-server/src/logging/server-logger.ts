import type { LoggerService } from '@nestjs/common';
import type { LogFormat, LogLevel } from '../config.js';
import { redact, redactText } from './redact.js';

const ORDER: Record<LogLevel, number> = { verbose: 0, debug: 1, log: 2, warn: 3, error: 4, fatal: 5 };
/** Names in the output: `log` is `info`, as log collectors expect. */
const NAME: Record<LogLevel, string> = {
  verbose: 'verbose',
  debug: 'debug',
  log: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};

export interface LogSink {
  out(line: string): void;
  err(line: string): void;
}

const STDIO: LogSink = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * The server's one logger, for Nest and for the request log: one JSON object a line (`json`, for
 * production) or one readable line (`pretty`, for development). Errors go to stderr, the rest to
 * stdout. Every message and field passes through `redact` first.
 */
export class ServerLogger implements LoggerService {
  private threshold: number;

  constructor(
    private readonly options: { format: LogFormat; level: LogLevel },
    private readonly sink: LogSink = STDIO,
  ) {
    this.threshold = ORDER[options.level];
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, contextOf(params));
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, contextOf(params));
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, contextOf(params));
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, contextOf(params));
  }
  error(message: unknown, ...params: unknown[]): void {
    const context = contextOf(params);
    const stack = params.find((p, i) => typeof p === 'string' && i < params.length - 1 && p.includes('\n'));
    this.write('error', message, context, typeof stack === 'string' ? { stack } : {});
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, contextOf(params));
  }

  setLogLevels(levels: LogLevel[]): void {
    this.threshold = Math.min(...levels.map((level) => ORDER[level] ?? ORDER.log));
  }

  /** One structured entry with fields, e.g. the request log's line. */
  entry(level: LogLevel, context: string, message: string, fields: Record<string, unknown>): void {
    this.write(level, message, context, fields);
  }

  private write(level: LogLevel, message: unknown, context?: string, fields: Record<string, unknown> = {}) {
    if (ORDER[level] < this.threshold) return;
    const text = typeof message === 'string' ? redactText(message) : undefined;
    const safe = redact(fields) as Record<string, unknown>;
    const line =
      this.options.format === 'json'
        ? JSON.stringify({
            time: new Date().toISOString(),
            level: NAME[level],
            ...(context ? { context } : {}),
            msg: text ?? '',
            ...(text === undefined ? { data: redact(message) } : {}),
            ...safe,
          })
        : pretty(level, context, text ?? JSON.stringify(redact(message)), safe);
    if (ORDER[level] >= ORDER.error) this.sink.err(line);
    else this.sink.out(line);
  }
}

function contextOf(params: unknown[]): string | undefined {
  const last = params.at(-1);
  return typeof last === 'string' && !last.includes('\n') ? last : undefined;
}

function pretty(level: LogLevel, context: string | undefined, text: string, fields: Record<string, unknown>) {
  const { stack, ...rest } = fields;
  const pairs = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  const head = `${new Date().toISOString()} ${NAME[level].toUpperCase().padEnd(5)} ${context ? `[${context}] ` : ''}${text}`;
  return [head, pairs].filter(Boolean).join(' ') + (typeof stack === 'string' ? `\n${stack}` : '');
}
