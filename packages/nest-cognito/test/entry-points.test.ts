import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The root entry `nest-cognito` must load in an application that has none of the REST API's
 * optional peers (an app that only wants the guard, or installed with --legacy-peer-deps);
 * `nest-cognito/rest` is where they are needed. Each entry is loaded by Node, in a child process
 * where those three packages cannot be resolved, from the library's sources compiled as they are
 * shipped (one JavaScript file per source file, decorators and their metadata included).
 */
const REST_PEERS = ['@nestjs/swagger', 'class-validator', 'class-transformer'];

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SOURCES = fileURLToPath(new URL('../src', import.meta.url));

/** Makes the REST peers unresolvable, for `import` (a resolve hook) and `require` alike. */
const BLOCKER = `
import Module, { register } from 'node:module';
const PEERS = ${JSON.stringify(REST_PEERS)};
const isPeer = (specifier) => PEERS.some((name) => specifier === name || specifier.startsWith(name + '/'));
const hooks = \`
  const PEERS = \${JSON.stringify(PEERS)};
  export async function resolve(specifier, context, next) {
    if (PEERS.some((name) => specifier === name || specifier.startsWith(name + '/'))) {
      throw Object.assign(new Error("Cannot find package '" + specifier + "'"), { code: 'ERR_MODULE_NOT_FOUND' });
    }
    return next(specifier, context);
  }\`;
register('data:text/javascript,' + encodeURIComponent(hooks));
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (isPeer(request)) {
    process.stderr.write('required a REST peer: ' + request + '\\n');
    throw Object.assign(new Error("Cannot find module '" + request + "'"), { code: 'MODULE_NOT_FOUND' });
  }
  return resolveFilename.call(this, request, ...rest);
};
`;

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** Every source file compiled to JavaScript beside the others, under `out`. */
function compileSources(out: string): void {
  for (const file of sourceFiles(SOURCES)) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ES2022,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
      },
    });
    const target = join(out, relative(SOURCES, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Imports `entry` in a new Node process with the REST peers blocked; prints its export names. */
function load(dir: string, entry: string): Promise<Outcome> {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(join(dir, entry)).href)});
    console.log(JSON.stringify(Object.keys(m)));`;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        '--import',
        pathToFileURL(join(dir, 'block-rest-peers.mjs')).href,
        '--input-type=module',
        '-e',
        script,
      ],
      { cwd: dir, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('entry points without the REST peers installed', () => {
  // Under the workspace's node_modules, so that every other package resolves as in an application.
  let dir: string;
  beforeAll(() => {
    const cache = join(ROOT, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    dir = mkdtempSync(join(cache, 'nest-cognito-entries-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(join(dir, 'block-rest-peers.mjs'), BLOCKER);
    compileSources(dir);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('nest-cognito (index.js) loads, with the guard, the module and the error handling', async () => {
    const outcome = await load(dir, 'index.js');
    expect(outcome.stderr).not.toMatch(/REST peer|Cannot find/);
    expect(outcome.code, outcome.stderr).toBe(0);
    const names = JSON.parse(outcome.stdout) as string[];
    expect(names).toEqual(
      expect.arrayContaining([
        'CognitoModule',
        'CognitoAuthGuard',
        'CognitoAuthService',
        'applyCognitoErrorHandling',
      ]),
    );
    for (const restOnly of ['CognitoRestModule', 'CognitoAuthController', 'ApiCognitoErrors', 'SignInDto']) {
      expect(names).not.toContain(restOnly);
    }
  });

  it('nest-cognito/testing (testing/index.js) loads too', async () => {
    const outcome = await load(dir, 'testing/index.js');
    expect(outcome.code, outcome.stderr).toBe(0);
  });

  it('nest-cognito/rest (rest/index.js) is where they are needed: it fails to load without them', async () => {
    const outcome = await load(dir, 'rest/index.js');
    expect(outcome.code).not.toBe(0);
    expect(outcome.stderr).toMatch(
      /Cannot find (package|module) '(@nestjs\/swagger|class-validator|class-transformer)/,
    );
  });
});
