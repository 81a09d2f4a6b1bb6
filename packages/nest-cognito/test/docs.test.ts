import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as root from '../src/index.js';
import { COGNITO_ERROR_TABLE, HTTP_ERROR_TABLE, type HttpErrorCode } from '../src/index.js';
import * as rest from '../src/rest/index.js';

/**
 * The code blocks of a page that show a file whole: each follows a line
 * `<!-- file: <path from the repository root> -->`, by path.
 */
function fileBlocks(page: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const [, path, code] of page.matchAll(/^<!-- file: (\S+) -->\n+```\w*\n([\s\S]*?)^```$/gm)) {
    blocks.set(path!, code!);
  }
  return blocks;
}

describe('docs/nest-cognito.md', () => {
  const page = readFileSync(new URL('../../../docs/nest-cognito.md', import.meta.url), 'utf8');

  it('lists every entry of the error table with its status and code', () => {
    for (const [name, { status, code }] of Object.entries(COGNITO_ERROR_TABLE)) {
      expect(page, name).toMatch(new RegExp(`\\| \`${name}\` +\\| ${status} +\\| \`${code}\` +\\|`));
    }
  });

  it('lists every error code the library itself answers with, with its status', () => {
    const answered: HttpErrorCode[] = [
      'INVALID_JSON',
      'EMPTY_JSON_BODY',
      'INVALID_URL',
      'BAD_REQUEST',
      'NOT_FOUND',
      'REQUEST_TIMEOUT',
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
      'HEADERS_TOO_LARGE',
      'TOO_MANY_REQUESTS',
      'INTERNAL_ERROR',
    ];
    for (const code of answered) {
      expect(page, code).toMatch(new RegExp(`\\| ${HTTP_ERROR_TABLE[code].status} +\\| \`${code}\` +\\|`));
    }
    expect(page).toMatch(/\| 502 +\| `AWS_CREDENTIALS_MISSING` +\|/);
  });
});

describe('the worked examples of docs/nest-cognito.md', () => {
  const page = readFileSync(new URL('../../../docs/nest-cognito.md', import.meta.url), 'utf8');
  const blocks = fileBlocks(page);

  // The magic-link example's files are what magic-link.e2e.test.ts runs: the page shows them whole.
  it.each([
    'packages/nest-cognito/test/examples/magic-link.triggers.ts',
    'packages/nest-cognito/test/examples/magic-link.controller.ts',
  ])('%s is shown whole, as it is', (path) => {
    expect([...blocks.keys()]).toContain(path);
    expect(blocks.get(path)).toBe(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8'));
  });
});

describe('the public API', () => {
  const docs = ['nest-cognito.md', 'admin.md']
    .map((name) => readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8'))
    .join('\n');

  // What an entry exports is what the docs name: internals stay out of both entries.
  it.each([
    ['nest-cognito', root],
    ['nest-cognito/rest', rest],
  ])('every value %s exports is documented in docs/nest-cognito.md or docs/admin.md', (_entry, exports) => {
    const named = (name: string) => docs.includes(`\`${name}`) || docs.includes(`\`@${name}(`);
    const undocumented = Object.keys(exports).filter((name) => !named(name));
    expect(undocumented).toEqual([]);
  });
});
