import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  build,
  check,
  createApp,
  lastJson,
  pack,
  type Packed,
  ROOT,
} from '../../../scripts/packaging/harness.js';

// Run by `npm run test:nest11` (scripts/nest11/vitest.config.ts), with Nest 11 installed in
// scripts/nest11: the packed library in applications on Nest 11, its .d.ts type-checked against
// Nest 11's (skipLibCheck off) and the applications run.
const nest11 = join(ROOT, 'scripts/nest11/node_modules');
const APP_TIMEOUT = 120_000;

describe('the packed packages in applications on Nest 11', () => {
  let work: string;
  let packed: Packed[];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'nest-cognito-nest11-'));
    await build();
    packed = await Promise.all([pack('nest-cognito', work), pack('cognito-emulator', work)]);
  }, 120_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it(
    'an ES module app (module NodeNext, Fastify) type-checks against Nest 11 and its guard works',
    async () => {
      const app = await createApp('esm-nodenext', packed, work, { nestModules: nest11 });
      const result = await check(app);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(lastJson(result.stdout)).toMatchObject({ format: 'module', anonymous: 401, notInGroup: 403 });
      expect(lastJson(result.stdout)).toMatchObject({ user: { status: 200 }, inGroup: 200, open: 200 });
    },
    APP_TIMEOUT,
  );

  it(
    'a CommonJS app (module commonjs, Express) type-checks against Nest 11: 401 without a token, 200 with one',
    async () => {
      const app = await createApp('cjs-commonjs', packed, work, { nestModules: nest11 });
      const result = await check(app);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(lastJson(result.stdout)).toMatchObject({
        format: 'commonjs',
        anonymous: 401,
        signedIn: { status: 200 },
      });
    },
    APP_TIMEOUT,
  );
});
