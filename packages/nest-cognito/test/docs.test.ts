import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COGNITO_ERROR_TABLE } from '../src/index.js';

describe('docs/nest-cognito.md', () => {
  const page = readFileSync(new URL('../../../docs/nest-cognito.md', import.meta.url), 'utf8');

  it('lists every entry of the error table with its status and code', () => {
    for (const [name, { status, code }] of Object.entries(COGNITO_ERROR_TABLE)) {
      expect(page, name).toMatch(new RegExp(`\\| \`${name}\` +\\| ${status} +\\| \`${code}\` +\\|`));
    }
  });
});
