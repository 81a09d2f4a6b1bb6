import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutboxMessage, RunningEmulator } from 'cognito-emulator';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  build,
  check,
  createApp,
  lastJson,
  pack,
  type Packed,
  run,
} from '../../../scripts/packaging/harness.js';
import type { EmulatorMessage, RunningCognitoEmulator } from '../src/testing/index.js';

/** Each application is built by tsc (its libraries' .d.ts included) and run: seconds, not milliseconds. */
const APP_TIMEOUT = 120_000;

/** Does `range` (`^a.b.c || ^d.e.f || >=x.y`) accept some version of this major? */
function acceptsMajor(range: string, major: number): boolean {
  return range.split('||').some((part) => {
    const [, op, version] = /^\s*(\^|~|>=)?\s*(\d+)/.exec(part) ?? [];
    if (version === undefined) return false;
    return op === '>=' ? major >= Number(version) : major === Number(version);
  });
}

describe('the packed packages, installed from their tarballs into new applications', () => {
  let work: string;
  let packed: Packed[];
  let library: Packed;
  let emulator: Packed;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'nest-cognito-packaging-'));
    await build();
    packed = await Promise.all([pack('nest-cognito', work), pack('cognito-emulator', work)]);
    [library, emulator] = packed as [Packed, Packed];
  }, 120_000);

  afterAll(async () => {
    // KEEP_PACKAGING_APPS=1 keeps the applications, to look into a failure.
    if (work && !process.env.KEEP_PACKAGING_APPS) await rm(work, { recursive: true, force: true });
    else if (work) console.log(`packaging applications kept in ${work}`);
  });

  it('each tarball holds its README, LICENSE, package.json, dist and src, and nothing else (no tests)', () => {
    for (const pkg of packed) {
      expect(pkg.files, pkg.name).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
      expect(
        pkg.files.some((file) => file.startsWith('dist/') && file.endsWith('index.js')),
        pkg.name,
      ).toBe(true);
      const others = pkg.files.filter(
        (file) => !['LICENSE', 'README.md', 'package.json'].includes(file) && !/^(dist|src)\//.test(file),
      );
      expect(others, pkg.name).toEqual([]);
      expect(
        pkg.files.filter((file) => /(^|\/)(test|tests|__tests__)\/|\.(test|spec)\.|tsbuildinfo/.test(file)),
        pkg.name,
      ).toEqual([]);
    }
  });

  it('every compiled file in dist comes from a source file (no stale build output is shipped)', () => {
    for (const pkg of packed) {
      const sources = new Set(pkg.files.filter((file) => file.startsWith('src/')));
      const orphans = pkg.files
        .filter((file) => file.startsWith('dist/'))
        .map((file) => file.replace(/^dist\//, 'src/').replace(/(\.d)?\.(js|ts)(\.map)?$/, '.ts'))
        .filter((source) => !sources.has(source));
      expect(orphans, pkg.name).toEqual([]);
    }
  });

  it('nest-cognito depends on the AWS SDK, aws-jwt-verify and uqr (the REST API’s QR codes), nothing else', () => {
    expect(Object.keys(library.manifest.dependencies ?? {}).sort()).toEqual([
      '@aws-sdk/client-cognito-identity-provider',
      'aws-jwt-verify',
      'uqr',
    ]);
  });

  it('nest-cognito accepts Nest 11 and 12 for every @nestjs peer, class-validator from 0.14, no ioredis', () => {
    const peers = library.manifest.peerDependencies ?? {};
    const nest = Object.entries(peers).filter(([name]) => name.startsWith('@nestjs/'));
    expect(nest.map(([name]) => name)).toEqual(
      expect.arrayContaining(['@nestjs/common', '@nestjs/core', '@nestjs/swagger']),
    );
    for (const [name, range] of nest) {
      expect([name, acceptsMajor(range, 11), acceptsMajor(range, 12)]).toEqual([name, true, true]);
    }
    expect(peers['class-validator']).toBe('>=0.14.0');
    expect(peers).not.toHaveProperty('ioredis');
    expect(Object.keys(library.manifest.peerDependenciesMeta ?? {}).sort()).toEqual([
      '@nestjs/swagger',
      '@nestjs/testing',
      '@nestjs/websockets',
      'class-transformer',
      'class-validator',
      'cognito-emulator',
    ]);
  });

  it("engines matches the AWS SDK: the SDK's Node version check stays silent at the engines minimum", async () => {
    const app = await createApp('offline-only', packed, join(work, 'engines'));
    const minimum = /^>=\s*(\d+)(?:\.(\d+))?/.exec(library.manifest.engines?.node ?? '');
    expect(minimum, library.manifest.engines?.node).not.toBeNull();
    const probe = (version: string) =>
      run(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { createRequire } from 'node:module';
           const fromLibrary = createRequire(process.cwd() + '/node_modules/nest-cognito/package.json');
           const sdk = createRequire(fromLibrary.resolve('@aws-sdk/client-cognito-identity-provider'));
           const { emitWarningIfUnsupportedVersion } = sdk('@aws-sdk/core/client');
           const warnings = [];
           process.emitWarning = (warning) => warnings.push(String(warning));
           emitWarningIfUnsupportedVersion(${JSON.stringify(version)});
           console.log(JSON.stringify(warnings));`,
        ],
        app,
      );
    const atMinimum = await probe(`v${minimum![1]}.${minimum![2] ?? 0}.0`);
    expect(atMinimum.stderr).toBe('');
    expect(lastJson(atMinimum.stdout)).toEqual([]);
    // The probe does reach the SDK's check: an old Node is warned about.
    expect(lastJson((await probe('v16.0.0')).stdout)).toEqual([expect.stringContaining('node')]);
  });

  it(
    'an ES module app (TypeScript, module NodeNext, Fastify) imports both entries and its guard works',
    async () => {
      const app = await createApp('esm-nodenext', packed, work);
      const result = await check(app);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(lastJson(result.stdout)).toEqual({
        format: 'module',
        anonymous: 401,
        user: { status: 200, body: { owner: 'user-1', sameSub: true, hasToken: true } },
        notInGroup: 403,
        inGroup: 200,
        open: 200,
      });
    },
    APP_TIMEOUT,
  );

  it(
    'a CommonJS app (TypeScript, module commonjs, Express) requires both entries: 401 without a token, 200 with a real one',
    async () => {
      const app = await createApp('cjs-commonjs', packed, work);
      const result = await check(app);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stderr).not.toMatch(/ERR_REQUIRE|ExperimentalWarning/);
      const { signedIn, ...rest } = lastJson(result.stdout) as { signedIn: { body: unknown; sub: string } };
      expect(rest).toEqual({ format: 'commonjs', anonymous: 401 });
      expect(signedIn).toEqual({ status: 200, body: { owner: signedIn.sub }, sub: expect.any(String) });
    },
    APP_TIMEOUT,
  );

  it(
    'a CommonJS app whose TypeScript uses module NodeNext type-checks against both entries',
    async () => {
      const app = await createApp('cjs-nodenext', packed, work);
      const result = await check(app);
      expect(result.code, result.stdout + result.stderr).toBe(0);
    },
    APP_TIMEOUT,
  );

  it(
    'without cognito-emulator installed the testing entry type-checks, and startEmulatedCognito says to install it',
    async () => {
      const app = await createApp('offline-only', packed, work);
      const result = await check(app);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      // Its tsconfig skips library checks (as most applications do): then a .d.ts importing a missing
      // package would quietly type as `any`, so the published declarations are read too.
      const dist = join(app, 'node_modules/nest-cognito/dist');
      const declarations = (await readdir(dist, { recursive: true })).filter((file) =>
        file.endsWith('.d.ts'),
      );
      expect(declarations).toContain('testing/index.d.ts');
      for (const file of declarations) {
        const text = await readFile(join(dist, file), 'utf8');
        expect([file, /(from |import\()['"]cognito-emulator['"]/.test(text)]).toEqual([file, false]);
      }
      expect(lastJson(result.stdout)).toEqual({
        started: false,
        error: expect.stringContaining('npm install --save-dev cognito-emulator'),
        offline: 'function',
      });
    },
    APP_TIMEOUT,
  );

  it(
    'a guard-only app without @nestjs/swagger, class-validator or class-transformer type-checks and boots',
    async () => {
      const app = await createApp('guard-only', packed, work);
      const result = await check(app);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(lastJson(result.stdout)).toEqual({
        absent: { swagger: false, classValidator: false, classTransformer: false },
        anonymous: 401,
        user: 200,
        notInGroup: 403,
        inGroup: 200,
        open: 200,
      });
    },
    APP_TIMEOUT,
  );

  it("the testing entry's own types of the emulator are what cognito-emulator is (a type-level check)", () => {
    // Its published types never import cognito-emulator's (above); they must stay true to it.
    expectTypeOf<RunningEmulator>().toExtend<RunningCognitoEmulator>();
    expectTypeOf<OutboxMessage>().toExtend<EmulatorMessage>();
    expect(library.manifest.peerDependencies?.['cognito-emulator']).toBe(`^${emulator.manifest.version}`);
  });
});
