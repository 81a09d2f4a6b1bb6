import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { triggerFolder } from './lambda-helpers.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Runs the built CLI until it exits, or until its output matches `until` (then stops it). */
async function runCli(
  args: string[],
  until?: RegExp,
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [cli, ...args]);
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (until?.test(out)) resolve();
    });
    void exited.then(() => resolve());
  });
  if (child.exitCode === null) child.kill('SIGTERM');
  return { code: await exited, out, err };
}

describe('the command line\u2019s Lambda flags', () => {
  const folder = triggerFolder();
  afterAll(() => folder.remove());

  it('are in --help', async () => {
    const { out } = await runCli(['--help']);
    expect(out).toContain('--lambda <name>=<file>[#<export>]');
    expect(out).toContain('--lambda-endpoint <url>');
    expect(out).toContain('--lambda-timeout <ms>');
  });

  it('start the emulator with handler files and an Invoke API endpoint, and say so', async () => {
    const file = folder.write('pre-sign-up.cjs', 'exports.handler = async (event) => event;\n');
    const { out } = await runCli(
      [
        '--port',
        '0',
        '--lambda',
        `pre-sign-up=${file}#handler`,
        '--lambda-endpoint',
        'http://127.0.0.1:3002',
        '--lambda-timeout',
        '800',
      ],
      /other lambdas: .*\n/,
    );
    expect(out).toContain(`  lambda pre-sign-up: ${file}#handler\n`);
    expect(out).toContain('  other lambdas: http://127.0.0.1:3002\n');
  });

  it('refuse what cannot be a function or a timeout', async () => {
    const noFile = await runCli(['--port', '0', '--lambda', 'pre-sign-up']);
    expect(noFile.code).toBe(1);
    expect(noFile.err).toContain('--lambda must be <name>=<file>[#<export>], not pre-sign-up');
    const timeout = await runCli(['--port', '0', '--lambda-timeout=soon']);
    expect(timeout.code).toBe(1);
    expect(timeout.err).toContain('--lambda-timeout must be a positive number of milliseconds, not soon');
    const endpoint = await runCli(['--port', '0', '--lambda-endpoint', '127.0.0.1:3002']);
    expect(endpoint.code).toBe(1);
    expect(endpoint.err).toContain('The Lambda endpoint must be an http(s) URL');
  });
});
