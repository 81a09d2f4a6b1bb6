import { describe, expect, it } from 'vitest';
import {
  findHostileInput,
  MAX_INPUT_NODES,
  MAX_KEY_LENGTH,
  quotedPath,
} from '../src/validation/hostile-input.js';

const keys = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 1]));
const TOO_MANY = [`body must not hold more than ${MAX_INPUT_NODES} properties and array elements in all`];

describe('findHostileInput: size', () => {
  it('counts keys and array elements over the whole value, up to 500', () => {
    expect(findHostileInput(keys(MAX_INPUT_NODES), 'body')).toEqual([]);
    expect(findHostileInput(keys(MAX_INPUT_NODES + 1), 'body')).toEqual(TOO_MANY);
    // 250 + 1 (the key "a") + 250 elements = 501, spread over two levels.
    expect(findHostileInput({ ...keys(250), a: Array.from({ length: 250 }, () => 1) }, 'body')).toEqual(
      TOO_MANY,
    );
    expect(findHostileInput({ ...keys(249), a: Array.from({ length: 250 }, () => 1) }, 'body')).toEqual([]);
    expect(
      findHostileInput(
        Array.from({ length: 100_000 }, () => 0),
        'body',
      ),
    ).toEqual(TOO_MANY);
  });

  it('refuses a key longer than 128 characters without quoting it', () => {
    expect(findHostileInput({ ['k'.repeat(MAX_KEY_LENGTH)]: 1 }, 'body')).toEqual([]);
    const problems = findHostileInput({ nested: { ['k'.repeat(MAX_KEY_LENGTH + 1)]: 1 } }, 'body');
    expect(problems).toEqual([`body must not have property names longer than ${MAX_KEY_LENGTH} characters`]);
  });

  it('quotes at most 64 characters of a path, never half a surrogate pair', () => {
    expect(quotedPath('a.b')).toBe('a.b');
    expect(quotedPath('x'.repeat(64))).toBe('x'.repeat(64));
    expect(quotedPath('x'.repeat(65))).toBe(`${'x'.repeat(63)}…`);
    const cut = quotedPath(`${'x'.repeat(62)}💥${'x'.repeat(10)}`);
    expect(cut).toBe(`${'x'.repeat(62)}…`);
    const reserved = findHostileInput({ [`${'a'.repeat(100)}`]: { constructor: 1 } }, 'body');
    expect(reserved).toEqual([`${'a'.repeat(63)}… is a reserved name and cannot be used`]);
  });
});
