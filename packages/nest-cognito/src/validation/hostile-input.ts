/**
 * What class-transformer and class-validator cannot be trusted with: values nested deeper than any
 * DTO goes (their recursion overflows the stack), more keys and elements than any DTO has (their
 * work grows faster than the count: 100,000 keys held the event loop for seconds, and every unknown
 * key became a message), keys longer than any name, keys that name `Object.prototype` members
 * (class-transformer skips or assigns them: `__proto__` swaps the prototype, `constructor` and
 * `toString` vanish without a word) and strings that are not well-formed UTF-16 (validator's
 * `isEmail` throws a `URIError` on a lone surrogate; no such string can reach Cognito as UTF-8).
 * One iterative walk finds them before either library runs, and stops at the first size problem.
 */

/** Deeper than any request DTO of nest-cognito (body → attributes → value is 3). */
export const MAX_INPUT_DEPTH = 8;

/**
 * Object keys and array elements in one value, counted over the whole of it. The largest request
 * of nest-cognito (an administrator's new user: 100 attributes at most, 25 groups, a few fields)
 * has under 140; Cognito's pools hold at most 50 custom attributes beside the ~20 standard ones.
 */
export const MAX_INPUT_NODES = 500;

/** Longer than any property or attribute name (Cognito's attribute names: 32 characters). */
export const MAX_KEY_LENGTH = 128;

/** How much of a property path a message quotes. */
export const MAX_QUOTED_PATH = 64;

const RESERVED_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
/** A surrogate code unit outside a pair: in a `u` regex, pairs are read as one code point. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether a string can be encoded as UTF-8 (no lone surrogate). */
export const isWellFormed = (text: string): boolean => !LONE_SURROGATE.test(text);

/** Whether a key names a member of `Object.prototype` (`__proto__`, `constructor`, `toString`, ...). */
export const isReservedKey = (key: string): boolean => RESERVED_KEYS.has(key);

/** A property path as messages quote it: at most `MAX_QUOTED_PATH` characters (no pair cut in two). */
export const quotedPath = (path: string): string =>
  path.length <= MAX_QUOTED_PATH
    ? path
    : `${path.slice(0, MAX_QUOTED_PATH - 1).replace(/[\ud800-\udbff]$/, '')}…`;

/**
 * The problems of a request value (body, query or path parameters), as validation messages that
 * name where they are (`attributes.constructor`, cut to `MAX_QUOTED_PATH`), never the values.
 * Empty when there are none. Stops at the first problem of each kind, and at once on too many
 * nodes or too long a key, so that a hostile value costs one bounded walk at most.
 */
export function findHostileInput(value: unknown, root: string): string[] {
  const problems: string[] = [];
  let tooDeep = false;
  let reserved = false;
  let illFormed = false;
  let nodes = 0;
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    const where = quotedPath(path || root);
    if (typeof current === 'string') {
      if (!illFormed && !isWellFormed(current)) {
        illFormed = true;
        problems.push(`${where} must be well-formed Unicode (no lone surrogates)`);
      }
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      if (!tooDeep) {
        tooDeep = true;
        problems.push(`${root} must not nest objects or arrays more than ${MAX_INPUT_DEPTH} levels deep`);
      }
      continue;
    }
    // An array's length is counted before its keys are listed (a hostile one may be long).
    nodes += Array.isArray(current) ? current.length : 0;
    const keys = nodes > MAX_INPUT_NODES ? [] : Object.keys(current);
    nodes += Array.isArray(current) ? 0 : keys.length;
    if (nodes > MAX_INPUT_NODES) {
      return [`${root} must not hold more than ${MAX_INPUT_NODES} properties and array elements in all`];
    }
    for (const key of keys) {
      if (key.length > MAX_KEY_LENGTH) {
        return [`${root} must not have property names longer than ${MAX_KEY_LENGTH} characters`];
      }
      const child = path ? `${path}.${key}` : key;
      if (!illFormed && !isWellFormed(key)) {
        illFormed = true;
        problems.push(`${root} must have well-formed Unicode keys (no lone surrogates)`);
        continue;
      }
      if (isReservedKey(key)) {
        if (!reserved) {
          reserved = true;
          problems.push(`${quotedPath(child)} is a reserved name and cannot be used`);
        }
        continue;
      }
      stack.push({ value: (current as Record<string, unknown>)[key], path: child, depth: depth + 1 });
    }
  }
  return problems;
}
