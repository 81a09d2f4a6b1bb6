import * as sdk from '@aws-sdk/client-cognito-identity-provider';
import type { WireModel, WireType } from '../src/wire-model.js';

/**
 * Derives the emulator's wire model (`src/wire-model.ts`) from the AWS SDK's own request schemas:
 * the JSON type of every member of every implemented operation's input, nested shapes included.
 * Schemas are Smithy's compact form: a number for a simple type (`64|t` a list of it, `128|t` a map
 * of it), `[0, ns, name, traits, ref]` for a named simple type, `[1, ns, name, traits, member]` a
 * list, `[2, ns, name, traits, key, value]` a map, `[3, ns, name, traits, names, members]` a
 * structure; a member is a ref or `[ref, traits]`, a ref may be a thunk.
 */
export function wireModelFromSdk(operations: readonly string[]): WireModel {
  const structures: WireModel['structures'] = {};
  const model: WireModel = { operations: {}, structures };

  const deref = (ref: unknown): unknown => (typeof ref === 'function' ? (ref as () => unknown)() : ref);

  const simple = (code: number): WireType => {
    if (code & 64) return { list: simple(code & ~64) };
    if (code & 128) return { map: simple(code & ~128) };
    if (code === 0) return 'string';
    if (code === 2) return 'boolean';
    if (code === 1 || code === 17 || code === 19) return 'number';
    if (code >= 4 && code <= 7) return 'timestamp';
    if (code === 21 || code === 42) return 'blob';
    if (code === 15) return 'document';
    throw new Error(`unknown simple schema ${code}`);
  };

  const typeOf = (member: unknown): WireType => {
    let schema = deref(member);
    // A member with traits: [ref, traits]; a named schema is an array whose first item is its kind.
    if (Array.isArray(schema) && schema.length === 2) schema = deref(schema[0]);
    if (typeof schema === 'number') return simple(schema);
    if (!Array.isArray(schema)) throw new Error(`unexpected schema ${String(schema)}`);
    const kind = schema[0] as number;
    if (kind === 0) return typeOf(schema[4]);
    if (kind === 1) return { list: typeOf(schema[4]) };
    if (kind === 2) return { map: typeOf(schema[5]) };
    if (kind === 3) return { structure: structure(schema) };
    throw new Error(`unexpected schema kind ${kind}`);
  };

  const structure = (schema: unknown[]): string => {
    const name = schema[2] as string;
    if (structures[name]) return name;
    const members: Record<string, WireType> = {};
    structures[name] = members;
    const names = schema[4] as string[];
    const types = schema[5] as unknown[];
    names.forEach((member, i) => (members[member] = typeOf(types[i])));
    return name;
  };

  for (const op of [...operations].sort()) {
    const schema = (sdk as unknown as Record<string, unknown[] | undefined>)[`${op}Request$`];
    if (!schema) throw new Error(`${op} has no request schema in the SDK`);
    model.operations[op] = structure(schema);
  }
  return model;
}

/** The model as the TypeScript source of `src/wire-model.ts`. */
export function wireModelSource(model: WireModel): string {
  return `/**
 * The JSON type of every input member of every implemented operation, derived from the AWS SDK's
 * schemas (the Smithy model). Generated: do not edit. \`test/wire-model.test.ts\` fails when it
 * drifts from the SDK; regenerate with
 * \`WRITE_WIRE_MODEL=1 npx vitest run packages/cognito-emulator/test/wire-model.test.ts\`.
 */
export type WireType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'timestamp'
  | 'blob'
  | 'document'
  | { list: WireType }
  | { map: WireType }
  | { structure: string };

export interface WireModel {
  /** The input structure of each operation. */
  operations: Record<string, string>;
  /** Every structure an input reaches, member by member. */
  structures: Record<string, Record<string, WireType>>;
}

export const WIRE_MODEL: WireModel = ${JSON.stringify(model, null, 2)};
`;
}
