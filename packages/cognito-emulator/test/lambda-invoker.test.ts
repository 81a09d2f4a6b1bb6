import { utimesSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PreSignUpTriggerEvent, type RunningEmulator, startEmulator } from '../src/index.js';
import { contextOf } from '../src/start.js';
import { arnOf, failureOf, preSignUpEvent, triggerFolder } from './lambda-helpers.js';

describe('Lambda triggers run in this process', () => {
  const folder = triggerFolder();
  let emulator: RunningEmulator;
  const invoke = (name: string, event: PreSignUpTriggerEvent = preSignUpEvent()) =>
    contextOf(emulator).lambdas.invoke(arnOf(name), event);

  beforeAll(async () => {
    // A folder of CommonJS files beside one of ES modules, so that `.js` means either.
    folder.write('cjs/package.json', '{ "type": "commonjs" }');
    folder.write('esm/package.json', '{ "type": "module" }');
    folder.write(
      'cjs/auto-confirm.js',
      'exports.handler = async (event, context) => {\n' +
        '  event.response.autoConfirmUser = true;\n' +
        '  event.request.clientMetadata.function = context.functionName;\n' +
        '  event.request.clientMetadata.remaining = String(context.getRemainingTimeInMillis() > 0);\n' +
        '  return event;\n' +
        '};\n',
    );
    folder.write(
      'cjs/callback.cjs',
      'exports.check = (event, context, callback) => {\n' +
        '  setTimeout(() => event.request.userAttributes.email.endsWith("@example.com")\n' +
        '    ? callback(null, { ...event, response: { ...event.response, autoVerifyEmail: true } })\n' +
        '    : callback(new Error("Only example.com may sign up")), 1);\n' +
        '};\n',
    );
    folder.write(
      'module.mjs',
      'export const handler = async (event) => ({ ...event, version: "esm-mjs" });\n',
    );
    folder.write(
      'esm/typed.js',
      'export async function handler(event) { return { ...event, version: "esm-js" }; }\n',
    );
    folder.write('cjs/throws.js', 'exports.handler = async () => { throw new TypeError("Nope"); };\n');
    folder.write('cjs/no-export.js', 'exports.other = async (event) => event;\n');
    folder.write('cjs/broken.js', 'exports.handler = async (event) => { return event\n');
    folder.write('cjs/sync-return.js', 'exports.handler = (event) => event;\n');
    emulator = await startEmulator({
      port: 0,
      lambdas: {
        'in-process': async (event) => ({ ...event, response: { autoConfirmUser: true } }),
        'in-process-callback': (event, _context, callback) => callback(null, { seen: event.userName }),
        'in-process-mutates': async (event: PreSignUpTriggerEvent) => {
          event.request.userAttributes.email = 'changed@example.com';
          return null;
        },
        'in-process-throws': () => {
          throw new Error('Sign-up is closed');
        },
        'in-process-rejects-string': () => Promise.reject('denied'),
        'in-process-undefined': async () => undefined,
        'in-process-unserializable': async () => ({ big: 1n }),
        'cjs-async': `${folder.root}/cjs/auto-confirm.js`,
        'cjs-callback': `${folder.root}/cjs/callback.cjs#check`,
        mjs: `${folder.root}/module.mjs`,
        'esm-js': `${folder.root}/esm/typed.js`,
        'cjs-throws': `${folder.root}/cjs/throws.js`,
        'no-export': `${folder.root}/cjs/no-export.js`,
        broken: `${folder.root}/cjs/broken.js`,
        missing: `${folder.root}/cjs/missing.js`,
        'sync-return': `${folder.root}/cjs/sync-return.js`,
      },
    });
  });
  afterAll(async () => {
    await emulator.stop();
    folder.remove();
  });

  it('runs an async handler given to startEmulator and answers its response', async () => {
    const response = await invoke('in-process');
    expect(response).toMatchObject({
      triggerSource: 'PreSignUp_SignUp',
      response: { autoConfirmUser: true },
    });
    expect(emulator.lambdaInvocations({ latest: 1 })[0]).toMatchObject({
      route: 'in-process',
      functionName: 'in-process',
      trigger: 'PreSignUp',
    });
  });

  it('runs a callback-style handler', async () => {
    expect(await invoke('in-process-callback')).toEqual({ seen: 'jane' });
  });

  it('hands the handler a copy of the event, as JSON carries it', async () => {
    const event = preSignUpEvent();
    expect(await contextOf(emulator).lambdas.invoke(arnOf('in-process-mutates'), event)).toBeNull();
    expect(event.request.userAttributes.email).toBe('jane@example.com');
  });

  it('answers null for a handler that resolves with nothing', async () => {
    expect(await invoke('in-process-undefined')).toBeNull();
  });

  it('fails as Cognito does when the handler throws or rejects', async () => {
    expect(await failureOf(invoke('in-process-throws'))).toEqual({
      type: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error Sign-up is closed.',
    });
    expect(await failureOf(invoke('in-process-rejects-string'))).toEqual({
      type: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error denied.',
    });
    expect(emulator.lambdaInvocations({ latest: 1 })[0]!.error).toEqual({
      type: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error denied.',
      functionErrorType: 'string',
    });
  });

  it('refuses a response JSON cannot carry', async () => {
    expect(await failureOf(invoke('in-process-unserializable'))).toEqual({
      type: 'InvalidLambdaResponseException',
      message: 'Unrecognizable lambda output',
    });
  });

  it('fails as on AWS when no route knows the function', async () => {
    expect(await failureOf(invoke('nobody'))).toEqual({
      type: 'UnexpectedLambdaException',
      message: 'PreSignUp invocation failed due to error AccessDeniedException.',
    });
    const [record] = emulator.lambdaInvocations({ latest: 1 });
    expect(record).toMatchObject({ functionName: 'nobody', error: { type: 'UnexpectedLambdaException' } });
    expect(record!.route).toBeUndefined();
  });

  it('runs a CommonJS .js handler file, async, with a Lambda context', async () => {
    const response = await invoke('cjs-async');
    expect(response).toMatchObject({
      response: { autoConfirmUser: true },
      request: { clientMetadata: { function: 'cjs-async', remaining: 'true' } },
    });
    expect(emulator.lambdaInvocations({ latest: 1 })[0]!.route).toBe('file');
  });

  it('runs a named export of a .cjs file, callback style, success and failure', async () => {
    expect(await invoke('cjs-callback')).toMatchObject({ response: { autoVerifyEmail: true } });
    expect(await failureOf(invoke('cjs-callback', preSignUpEvent(undefined, 'x@elsewhere.test')))).toEqual({
      type: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error Only example.com may sign up.',
    });
  });

  it('runs ES modules: .mjs, and .js in a "type": "module" package', async () => {
    expect(await invoke('mjs')).toMatchObject({ version: 'esm-mjs' });
    expect(await invoke('esm-js')).toMatchObject({ version: 'esm-js' });
  });

  it('reports a file handler that throws with its message', async () => {
    expect(await failureOf(invoke('cjs-throws'))).toEqual({
      type: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error Nope.',
    });
    expect(emulator.lambdaInvocations({ latest: 1 })[0]!.error!.functionErrorType).toBe('TypeError');
  });

  it('fails as the runtime does for a file without the handler, with a syntax error, or missing', async () => {
    expect((await failureOf(invoke('no-export'))).message).toMatch(
      /^PreSignUp failed with error .*no-export\.js#handler is undefined or not exported\.$/,
    );
    expect(await failureOf(invoke('broken'))).toMatchObject({ type: 'UserLambdaValidationException' });
    expect(emulator.lambdaInvocations({ latest: 1 })[0]!.error!.functionErrorType).toBe(
      'Runtime.UserCodeSyntaxError',
    );
    expect((await failureOf(invoke('missing'))).message).toMatch(/Cannot find module .*missing\.js/);
  });

  it('answers null for a handler that neither returns a promise nor takes a callback', async () => {
    expect(await invoke('sync-return')).toBeNull();
  });
});

describe('Lambda handler files are reloaded when they change', () => {
  const folder = triggerFolder();
  let emulator: RunningEmulator;
  const invoke = (name: string) => contextOf(emulator).lambdas.invoke(arnOf(name), preSignUpEvent());
  /** Rewrites a handler file and gives it a later modification time than any before. */
  let tick = 1_700_000_000;
  const edit = (path: string, content: string) => {
    folder.write(path, content);
    tick += 10;
    utimesSync(`${folder.root}/${path}`, tick, tick);
  };

  beforeAll(async () => {
    folder.write('package.json', '{ "type": "commonjs" }');
    edit('reload.cjs', 'exports.handler = async () => ({ generation: 1 });\n');
    edit('reload.mjs', 'export const handler = async () => ({ generation: 1 });\n');
    edit(
      'counted.cjs',
      'globalThis.countedLoads = (globalThis.countedLoads ?? 0) + 1;\n' +
        'exports.handler = async () => ({ loads: globalThis.countedLoads });\n',
    );
    emulator = await startEmulator({
      port: 0,
      lambdas: {
        'reload-cjs': `${folder.root}/reload.cjs`,
        'reload-esm': `${folder.root}/reload.mjs`,
        counted: `${folder.root}/counted.cjs`,
      },
    });
  });
  afterAll(async () => {
    await emulator.stop();
    folder.remove();
  });

  it('runs the edited CommonJS module at the next invocation, without a restart', async () => {
    expect(await invoke('reload-cjs')).toEqual({ generation: 1 });
    edit('reload.cjs', 'exports.handler = async () => ({ generation: 2, edited: true });\n');
    expect(await invoke('reload-cjs')).toEqual({ generation: 2, edited: true });
  });

  it('runs the edited ES module at the next invocation, without a restart', async () => {
    expect(await invoke('reload-esm')).toEqual({ generation: 1 });
    edit('reload.mjs', 'export const handler = async () => ({ generation: 2, edited: true });\n');
    expect(await invoke('reload-esm')).toEqual({ generation: 2, edited: true });
  });

  it('loads an unchanged file once, even for invocations in parallel', async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, () => invoke('counted')));
    const loads = new Set(responses.map((response) => (response as { loads: number }).loads));
    expect(loads.size).toBe(1);
    expect(await invoke('counted')).toEqual(responses[0]);
  });
});

describe('Lambda timeouts', () => {
  let emulator: RunningEmulator;
  const invoke = (name: string) => contextOf(emulator).lambdas.invoke(arnOf(name), preSignUpEvent());

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      lambdaTimeoutMs: 100,
      lambdas: {
        'never-answers': () => new Promise(() => {}),
        'forgets-callback': (_event, _context, _callback) => undefined,
        quick: async () => ({ quick: true }),
      },
    });
  });
  afterAll(() => emulator.stop());

  it('fails a function that does not answer in time as AWS does after its 5 seconds', async () => {
    expect(await failureOf(invoke('never-answers'))).toEqual({
      type: 'UnexpectedLambdaException',
      message: 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.',
    });
    expect(await failureOf(invoke('forgets-callback'))).toMatchObject({ type: 'UnexpectedLambdaException' });
    expect(emulator.lambdaInvocations({ latest: 1 })[0]!.error!.message).toContain('Socket timeout');
  });

  it('answers a function that does', async () => {
    expect(await invoke('quick')).toEqual({ quick: true });
  });
});
