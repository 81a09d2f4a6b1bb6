import * as sdk from '@aws-sdk/client-cognito-identity-provider';

/**
 * Checks a success answer against the operation's output structure in the AWS SDK's schemas (the
 * Smithy model): every member the model requires is present, and every member present has the JSON
 * type the model gives it, nested structures, lists and maps included. Returns the problems, none
 * when the answer conforms. Schemas are Smithy's compact form, as `wire-model-source.ts` reads them:
 * a structure is `[3, ns, name, traits, member names, member schemas, required count]`, its first
 * `required count` members being the required ones. An operation without an output structure answers `{}`.
 */
export function outputProblems(operation: string, answer: unknown): string[] {
  const schema = (sdk as unknown as Record<string, unknown[] | undefined>)[`${operation}Response$`];
  // No output structure (Smithy's Unit): the answer is the empty object.
  if (!schema)
    return isEmptyObject(answer) ? [] : [`${operation} answers nothing, not ${JSON.stringify(answer)}`];
  const problems: string[] = [];
  checkStructure(answer, schema, operation, problems);
  return problems;
}

const isEmptyObject = (value: unknown) =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;

const deref = (ref: unknown): unknown => (typeof ref === 'function' ? (ref as () => unknown)() : ref);

function checkStructure(value: unknown, schema: unknown[], path: string, problems: string[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${path} is not a structure`);
    return;
  }
  const names = schema[4] as string[];
  const types = schema[5] as unknown[];
  const requiredCount = (schema[6] as number | undefined) ?? 0;
  const record = value as Record<string, unknown>;
  names.forEach((name, i) => {
    const member = record[name];
    if (member === undefined || member === null) {
      if (i < requiredCount) problems.push(`${path}.${name} is required and missing`);
      return;
    }
    check(member, types[i], `${path}.${name}`, problems);
  });
  for (const key of Object.keys(record)) {
    if (!names.includes(key)) problems.push(`${path}.${key} is not a member of ${String(schema[2])}`);
  }
}

function check(value: unknown, ref: unknown, path: string, problems: string[]): void {
  let schema = deref(ref);
  if (Array.isArray(schema) && schema.length === 2) schema = deref(schema[0]);
  if (typeof schema === 'number') return checkSimple(value, schema, path, problems);
  if (!Array.isArray(schema)) throw new Error(`unexpected schema at ${path}`);
  const kind = schema[0] as number;
  if (kind === 0) return check(value, schema[4], path, problems);
  if (kind === 1) return checkList(value, schema[4], path, problems);
  if (kind === 2) return checkMap(value, schema[5], path, problems);
  if (kind === 3) return checkStructure(value, schema, path, problems);
  throw new Error(`unexpected schema kind ${kind} at ${path}`);
}

function checkSimple(value: unknown, code: number, path: string, problems: string[]): void {
  if (code & 64) return checkList(value, code & ~64, path, problems);
  if (code & 128) return checkMap(value, code & ~128, path, problems);
  const expected =
    code === 0 || code === 21 || code === 42
      ? 'string'
      : code === 2
        ? 'boolean'
        : code === 1 || code === 17 || code === 19 || (code >= 4 && code <= 7)
          ? 'number'
          : undefined;
  if (expected !== undefined && typeof value !== expected) problems.push(`${path} is not a ${expected}`);
}

function checkList(value: unknown, item: unknown, path: string, problems: string[]): void {
  if (!Array.isArray(value)) {
    problems.push(`${path} is not a list`);
    return;
  }
  value.forEach((v, i) => check(v, item, `${path}[${i}]`, problems));
}

function checkMap(value: unknown, item: unknown, path: string, problems: string[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${path} is not a map`);
    return;
  }
  for (const [k, v] of Object.entries(value)) check(v, item, `${path}.${k}`, problems);
}
