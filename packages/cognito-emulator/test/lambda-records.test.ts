import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LambdaInvocation,
  type RunningEmulator,
  startEmulator,
  type UserMigrationTriggerEvent,
} from '../src/index.js';
import { contextOf } from '../src/start.js';
import { arnOf, preSignUpEvent, triggerFolder } from './lambda-helpers.js';

const POOL_A = 'us-east-1_PoolAaaaa';
const POOL_B = 'us-east-1_PoolBbbbb';

function migrationEvent(): UserMigrationTriggerEvent {
  return {
    version: '1',
    triggerSource: 'UserMigration_Authentication',
    region: 'us-east-1',
    userPoolId: POOL_B,
    userName: 'legacy-user',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client1' },
    request: { password: 'Legacy-Passw0rd!', validationData: {} },
    response: { userAttributes: {} },
  };
}

async function getJson(emulator: RunningEmulator, path: string): Promise<LambdaInvocation[]> {
  const response = await fetch(`${emulator.endpoint}${path}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  return (await response.json()) as LambdaInvocation[];
}

describe('every trigger invocation is recorded and shown', () => {
  let emulator: RunningEmulator;
  const lambdas = () => contextOf(emulator).lambdas;

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      lambdas: {
        echo: async (event) => event,
        migrate: async (event) => ({
          ...event,
          response: { userAttributes: { email: 'legacy@example.com' } },
        }),
        refuse: () => Promise.reject(new Error('<img src=x onerror=alert(1)> is not welcome')),
      },
    });
    await lambdas().invoke(arnOf('echo'), preSignUpEvent(POOL_A, 'first@example.com'));
    await lambdas().invoke(arnOf('migrate'), migrationEvent());
    await lambdas().invoke(arnOf('echo'), preSignUpEvent(POOL_A, '<script>alert(1)</script>@example.com'));
    await lambdas()
      .invoke(arnOf('refuse'), preSignUpEvent(POOL_A))
      .catch(() => undefined);
  });
  afterAll(() => emulator.stop());

  it('lists them at GET /_emulator/lambda-invocations, newest first, with event, response and duration', async () => {
    const all = await getJson(emulator, '/_emulator/lambda-invocations');
    expect(all.map((call) => call.functionName)).toEqual(['refuse', 'echo', 'migrate', 'echo']);
    expect(all.map((call) => call.id)).toEqual([4, 3, 2, 1]);
    const first = all[3]!;
    expect(first).toMatchObject({
      poolId: POOL_A,
      trigger: 'PreSignUp',
      triggerSource: 'PreSignUp_SignUp',
      functionArn: arnOf('echo'),
      route: 'in-process',
      event: { request: { userAttributes: { email: 'first@example.com' } } },
      response: { request: { userAttributes: { email: 'first@example.com' } } },
    });
    expect(first.durationMs).toBeGreaterThanOrEqual(0);
    expect(typeof first.at).toBe('number');
    expect(all[0]).toMatchObject({
      error: {
        type: 'UserLambdaValidationException',
        message: 'PreSignUp failed with error <img src=x onerror=alert(1)> is not welcome.',
      },
    });
    expect(all[0]).not.toHaveProperty('response');
  });

  it('filters by pool, and by id for polling', async () => {
    const poolB = await getJson(emulator, `/_emulator/lambda-invocations?poolId=${POOL_B}`);
    expect(poolB.map((call) => call.functionName)).toEqual(['migrate']);
    const newer = await getJson(emulator, '/_emulator/lambda-invocations?after=2&poolId=' + POOL_A);
    expect(newer.map((call) => call.id)).toEqual([4, 3]);
    const latest = await getJson(emulator, '/_emulator/lambda-invocations?latest=1');
    expect(latest.map((call) => call.id)).toEqual([4]);
    expect(emulator.lambdaInvocations({ poolId: POOL_B })).toEqual(poolB);
  });

  it('keeps no password of a migration event', async () => {
    const [migration] = await getJson(emulator, `/_emulator/lambda-invocations?poolId=${POOL_B}`);
    expect(migration!.event).toMatchObject({ request: { password: '(redacted)' } });
    expect(JSON.stringify(migration)).not.toContain('Legacy-Passw0rd!');
  });

  it('shows them on the inbox page, newest first, as text', async () => {
    const response = await fetch(`${emulator.endpoint}/_emulator/inbox`);
    const page = await response.text();
    expect(page).toContain('<h2>Lambda invocations</h2>');
    const ids = [...page.matchAll(/<details class="invocation" data-id="(\d+)"/g)].map((match) => match[1]);
    expect(ids).toEqual(['4', '3', '2', '1']);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;@example.com');
    expect(page).toContain('PreSignUp failed with error &lt;img src=x onerror=alert(1)&gt; is not welcome.');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('Legacy-Passw0rd!');
    // The page's own scripts carry the nonce its policy allows; no other script runs.
    const nonce = /script-src 'nonce-([^']+)'/.exec(response.headers.get('content-security-policy')!)![1]!;
    expect([...page.matchAll(/<script([^>]*)>/g)].map((match) => match[1])).toEqual([
      ` nonce="${nonce}"`,
      ` nonce="${nonce}"`,
    ]);
  });

  it('keeps the latest 500', async () => {
    const busy = await startEmulator({ port: 0, lambdas: { echo: async () => null } });
    try {
      for (let i = 0; i < 502; i++) await contextOf(busy).lambdas.invoke(arnOf('echo'), preSignUpEvent());
      const kept = busy.lambdaInvocations();
      expect(kept).toHaveLength(500);
      expect([kept[0]!.id, kept[499]!.id]).toEqual([502, 3]);
    } finally {
      await busy.stop();
    }
  });
});

describe('a seed file names handler files relative to itself', () => {
  const folder = triggerFolder();
  afterAll(() => folder.remove());

  it('runs the seed file\u2019s lambdas, after those given to startEmulator', async () => {
    folder.write('config/triggers/package.json', '{ "type": "module" }');
    folder.write(
      'config/triggers/confirm.js',
      'export const confirm = async (e) => ({ ...e, from: "seed" });\n',
    );
    folder.write(
      'config/triggers/other.js',
      'export const handler = async (e) => ({ ...e, from: "seed" });\n',
    );
    const seed = folder.write(
      'config/seed.json',
      JSON.stringify({
        pools: [],
        lambdas: { 'pre-sign-up': './triggers/confirm.js#confirm', other: 'triggers/other.js' },
      }),
    );
    const emulator = await startEmulator({
      port: 0,
      seed,
      lambdas: { other: async (event) => ({ ...event, from: 'options' }) },
    });
    try {
      const invoke = (name: string) => contextOf(emulator).lambdas.invoke(arnOf(name), preSignUpEvent());
      expect(await invoke('pre-sign-up')).toMatchObject({ from: 'seed' });
      expect(await invoke('other')).toMatchObject({ from: 'options' });
    } finally {
      await emulator.stop();
    }
  });

  it('refuses names that cannot be a function\u2019s and values that are not handlers', async () => {
    await expect(startEmulator({ port: 0, lambdas: { [arnOf('x')]: './x.js' } })).rejects.toThrow(
      /is not a function name/,
    );
    const seed = folder.write('bad-seed.json', JSON.stringify({ pools: [], lambdas: { x: 42 } }));
    await expect(startEmulator({ port: 0, seed })).rejects.toThrow(
      'Lambda "x" must be a handler function or the path of a handler file.',
    );
  });
});
