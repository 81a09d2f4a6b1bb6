import Module, { createRequire } from 'node:module';
import * as common from '@nestjs/common';
import * as core from '@nestjs/core';
import { fileURLToPath } from 'node:url';

// Setup file of scripts/nest11/vitest.config.ts.
const overlayFile = fileURLToPath(new URL('./nest11/package.json', import.meta.url));
const overlay = createRequire(overlayFile);

// The config's alias sends `import '@nestjs/...'` to Nest 11; send `require('@nestjs/...')` there as
// well (the library loads its optional peers that way), as if Nest 11 were the application's Nest.
type Resolve = (request: string, parent: unknown, ...rest: unknown[]) => string;
const internals = Module as unknown as { _resolveFilename: Resolve };
const resolve = internals._resolveFilename;
const fromOverlay = {
  filename: overlayFile,
  paths: [fileURLToPath(new URL('./nest11/node_modules', import.meta.url))],
};
internals._resolveFilename = function (request, parent, ...rest) {
  return resolve.call(this, request, request.startsWith('@nestjs/') ? fromOverlay : parent, ...rest);
};

// Fails the run unless `@nestjs/*`, imported from here (outside scripts/nest11, where Node alone
// would find the workspace's Nest 12), is the Nest 11 of scripts/nest11: a run that silently used
// Nest 12 would prove nothing.
const { version } = overlay('@nestjs/core/package.json') as { version: string };
if (!version.startsWith('11.')) {
  throw new Error(`scripts/nest11 holds @nestjs/core ${version}, not Nest 11`);
}
if (
  common.Module !== overlay('@nestjs/common').Module ||
  core.NestFactory !== overlay('@nestjs/core').NestFactory
) {
  throw new Error('@nestjs/* did not resolve to scripts/nest11/node_modules');
}
