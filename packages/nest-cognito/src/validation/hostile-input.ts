/**
 * What class-transformer and class-validator cannot be trusted with: values nested deeper than any
 * DTO goes (their recursion overflows the stack), keys that name `Object.prototype` members
 * (class-transformer skips or assigns them: `__proto__` swaps the prototype, `constructor` and
 * `toString` vanish without a word) and strings that are not well-formed UTF-16 (validator's
 * `isEmail` throws a `URIError` on a lone surrogate; no such string can reach Cognito as UTF-8).
 * One iterative walk finds them before either library runs.
 */

/** Deeper than any request DTO of nest-cognito (body → attributes → value is 3). */
export const MAX_INPUT_DEPTH = 8;

const RESERVED_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
/** A surrogate code unit outside a pair: in a `u` regex, pairs are read as one code point. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether a string can be encoded as UTF-8 (no lone surrogate). */
export const isWellFormed = (text: string): boolean => !LONE_SURROGATE.test(text);

/** Whether a key names a member of `Object.prototype` (`__proto__`, `constructor`, `toString`, ...). */
export const isReservedKey = (key: string): boolean => RESERVED_KEYS.has(key);

/**
 * The problems of a request value (body, query or path parameters), as validation messages that
 * name where they are (`attributes.constructor`), never the values. Empty when there are none.
 * Stops at the first problem of each kind so that a hostile value costs one walk at most.
 */
export function findHostileInput(value: unknown, root: string): string[] {
  const problems: string[] = [];
  let tooDeep = false;
  let reserved = false;
  let illFormed = false;
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    const where = path || root;
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
    for (const key of Object.keys(current)) {
      const child = path ? `${path}.${key}` : key;
      if (!illFormed && !isWellFormed(key)) {
        illFormed = true;
        problems.push(`${root} must have well-formed Unicode keys (no lone surrogates)`);
        continue;
      }
      if (isReservedKey(key)) {
        if (!reserved) {
          reserved = true;
          problems.push(`${child} is a reserved name and cannot be used`);
        }
        continue;
      }
      stack.push({ value: (current as Record<string, unknown>)[key], path: child, depth: depth + 1 });
    }
  }
  return problems;
}
