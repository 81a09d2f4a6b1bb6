import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TARGETS } from '../src/targets/index.js';
import { WIRE_MODEL } from '../src/wire-model.js';
import { wireModelFromSdk, wireModelSource } from './wire-model-source.js';

const file = fileURLToPath(new URL('../src/wire-model.ts', import.meta.url));

describe('the wire model', () => {
  it('is the AWS SDK schema of every implemented operation input', async () => {
    const derived = wireModelFromSdk(Object.keys(TARGETS));
    if (process.env.WRITE_WIRE_MODEL) await writeFile(file, wireModelSource(derived));
    expect(WIRE_MODEL).toEqual(derived);
    expect(await readFile(file, 'utf8')).toContain('Generated: do not edit.');
  });

  it('reaches nested shapes (lists of structures, maps of strings)', () => {
    const signUp = WIRE_MODEL.structures[WIRE_MODEL.operations.SignUp!]!;
    expect(signUp.Password).toBe('string');
    expect(signUp.UserAttributes).toEqual({ list: { structure: 'AttributeType' } });
    expect(signUp.ClientMetadata).toEqual({ map: 'string' });
    expect(WIRE_MODEL.structures.AttributeType).toEqual({ Name: 'string', Value: 'string' });
  });
});
