import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../../vitest.config.js';

/**
 * The nest-cognito e2e suite against Nest 11: every `@nestjs/*` import (the library's sources, the
 * tests, and Nest's own packages among themselves) resolves to the Nest 11 installed here by
 * `npm run test:nest11` (`npm ci` in scripts/nest11). Third-party peers (rxjs, reflect-metadata,
 * class-validator, graphql, mercurius, ...) fall through to the workspace's node_modules, as they
 * would in an application, so there is one copy of each.
 */
const overlay = fileURLToPath(new URL('./node_modules/@nestjs/', import.meta.url));
if (!existsSync(`${overlay}core/package.json`)) {
  throw new Error('Nest 11 is not installed in scripts/nest11: run `npm run test:nest11`.');
}

const config = mergeConfig(
  base,
  defineConfig({
    root: fileURLToPath(new URL('../..', import.meta.url)),
    resolve: {
      alias: [{ find: /^@nestjs\/([^/]+)(.*)$/, replacement: `${overlay}$1$2` }],
    },
    test: {
      setupFiles: [fileURLToPath(new URL('../assert-nest11.ts', import.meta.url))],
    },
  }),
);
// mergeConfig concatenates arrays: replace the base's test files rather than add to them.
config.test!.include = [
  'packages/nest-cognito/test/*.e2e.test.ts',
  'packages/nest-cognito/test/nest11-packaging.spec.ts',
];

export default config;
