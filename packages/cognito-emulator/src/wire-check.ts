import { CognitoError, invalidParameter } from './errors.js';
import { emptyRecord } from './records.js';
import { WIRE_MODEL, type WireType } from './wire-model.js';

/**
 * The deserialization step of AWS JSON 1.1, before any operation runs: every member of the input
 * is checked, recursively, against the JSON type the API model gives it (`src/wire-model.ts`, from
 * the AWS SDK's schemas). A value of the wrong type is a `SerializationException` ("NUMBER_VALUE can
 * not be converted to a String"); a JSON `null` member is absent, as on AWS; members the model does
 * not know are dropped, and so are null map entries. Every string (map keys too) must be well-formed Unicode: a lone surrogate is
 * an `InvalidParameterException` naming the member, never its value.
 *
 * Returns a copy made of null-prototype objects, so no key from the wire (`__proto__`,
 * `constructor`) can reach or shadow `Object.prototype`.
 */
export function checkWireTypes(operation: string, input: Record<string, unknown>): Record<string, unknown> {
  const structure = Object.hasOwn(WIRE_MODEL.operations, operation)
    ? WIRE_MODEL.operations[operation]!
    : undefined;
  if (!structure) return input;
  const illFormed: string[] = [];
  const value = readStructure(input, structure, '', illFormed);
  if (illFormed.length > 0) {
    const count = illFormed.length === 1 ? '1 validation error' : `${illFormed.length} validation errors`;
    const problems = illFormed.map(
      (path) => `Value at '${path}' failed to satisfy constraint: Member must be well-formed Unicode`,
    );
    throw invalidParameter(`${count} detected: ${problems.join('; ')}`);
  }
  return value;
}

function readStructure(
  value: unknown,
  name: string,
  path: string,
  illFormed: string[],
): Record<string, unknown> {
  if (!isObject(value)) throw wrongType(value, 'a Structure');
  const members = WIRE_MODEL.structures[name] ?? {};
  const out = emptyRecord();
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(members, key)) continue;
    const member = (value as Record<string, unknown>)[key];
    if (member === null || member === undefined) continue;
    const memberPath = (path ? `${path}.` : '') + key.charAt(0).toLowerCase() + key.slice(1);
    out[key] = read(member, members[key]!, memberPath, illFormed);
  }
  return out;
}

function read(value: unknown, type: WireType, path: string, illFormed: string[]): unknown {
  if (typeof type === 'object') {
    if ('structure' in type) return readStructure(value, type.structure, path, illFormed);
    if ('list' in type) {
      if (!Array.isArray(value)) throw wrongType(value, 'a List');
      return value.map((item, i) => read(item, type.list, `${path}.${i + 1}.member`, illFormed));
    }
    if (!isObject(value)) throw wrongType(value, 'a Map');
    const out = emptyRecord();
    for (const key of Object.keys(value)) {
      if (!isWellFormed(key)) illFormed.push(path);
      const entry = (value as Record<string, unknown>)[key];
      // A null value is an absent entry, as a null member is: amazon-cognito-identity-js sends
      // `DEVICE_KEY: null` in ChallengeResponses when it retries without a forgotten device.
      if (entry === null) continue;
      out[key] = read(entry, type.map, path, illFormed);
    }
    return out;
  }
  switch (type) {
    case 'string':
    case 'blob':
      if (typeof value !== 'string') throw wrongType(value, 'a String');
      if (!isWellFormed(value)) illFormed.push(path);
      return value;
    case 'number':
    case 'timestamp':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(value, 'a Number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType(value, 'a Boolean');
      return value;
    case 'document':
      return value;
  }
}

/** No lone surrogate: with the `u` flag a paired surrogate is one code point, a lone one is `Cs`. */
export const isWellFormed = (value: string) => !/\p{Cs}/u.test(value);

const isObject = (value: unknown): value is object =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Cognito's message for a JSON token of the wrong kind. */
function wrongType(value: unknown, expected: string): CognitoError {
  if (Array.isArray(value))
    return new CognitoError('SerializationException', 'Start of list found where not expected');
  if (isObject(value))
    return new CognitoError('SerializationException', 'Start of structure or map found where not expected.');
  const token =
    value === null
      ? 'NULL_VALUE'
      : typeof value === 'string'
        ? 'STRING_VALUE'
        : typeof value === 'number'
          ? 'NUMBER_VALUE'
          : typeof value === 'boolean'
            ? 'BOOLEAN_VALUE'
            : 'VALUE';
  return new CognitoError('SerializationException', `${token} can not be converted to ${expected}`);
}
