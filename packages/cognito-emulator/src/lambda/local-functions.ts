import { emptyRecord } from '../records.js';
import { type HandlerFile, handlerFileOf } from './handler-files.js';
import type { LambdaHandler } from './handler.js';

/** A function the emulator runs itself: a handler given to it, or a handler file. */
export type LocalFunction = LambdaHandler | HandlerFile;

/** Lambda function names: letters, digits, `-` and `_`, at most 64. */
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The functions the emulator runs itself, by name: those given to `startEmulator` (a handler, or
 * the path of a handler file relative to `cwd`), then the seed file's (paths relative to the seed
 * file's folder) for names not given. Refuses names that cannot be a function's.
 */
export function localFunctions(
  given: Record<string, LambdaHandler | string> | undefined,
  cwd: string,
  seeded: Record<string, string> | undefined,
  seedDir: string,
): Record<string, LocalFunction> {
  const functions = emptyRecord<LocalFunction>();
  const add = (name: string, value: unknown, baseDir: string) => {
    if (!FUNCTION_NAME.test(name)) {
      throw new Error(
        `Lambda "${name}" is not a function name (letters, digits, - and _; the name in the function's ARN).`,
      );
    }
    if (typeof value !== 'function' && typeof value !== 'string') {
      throw new Error(`Lambda "${name}" must be a handler function or the path of a handler file.`);
    }
    if (name in functions) return;
    functions[name] = typeof value === 'string' ? handlerFileOf(value, baseDir) : (value as LambdaHandler);
  };
  for (const [name, value] of entriesOf(given, 'lambdas')) add(name, value, cwd);
  for (const [name, value] of entriesOf(seeded, "The seed's lambdas")) add(name, value, seedDir);
  return functions;
}

/** The entries of a map of functions, which must be an object (a seed file may hold anything). */
function entriesOf(map: unknown, what: string): [string, unknown][] {
  if (map === undefined) return [];
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw new Error(`${what} must map function names to handlers.`);
  }
  return Object.entries(map);
}
