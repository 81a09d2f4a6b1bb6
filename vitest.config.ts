import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests import the workspaces by package name; point those names at the sources so that
// tests never run against a stale build. SWC compiles Nest's decorators with their metadata.
export default defineConfig({
  plugins: [
    swc.vite({
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
      },
    }),
  ],
  resolve: {
    alias: [
      { find: /^cognito-emulator$/, replacement: src('./packages/cognito-emulator/src/index.ts') },
      { find: /^nest-cognito\/testing$/, replacement: src('./packages/nest-cognito/src/testing/index.ts') },
      { find: /^nest-cognito\/rest$/, replacement: src('./packages/nest-cognito/src/rest/index.ts') },
      { find: /^nest-cognito$/, replacement: src('./packages/nest-cognito/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
