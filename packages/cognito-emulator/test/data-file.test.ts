import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cognito-emulator-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a data file that cannot be created fails at once, naming the file and the reason', () => {
  it('under /proc (where a recursive mkdir never returns on Node 20)', async () => {
    await expect(startEmulator({ port: 0, dataFile: '/proc/nope/x.db' })).rejects.toThrow(
      'Cannot open the data file /proc/nope/x.db: cannot create the directory /proc/nope (ENOENT).',
    );
    await expect(startEmulator({ port: 0, dataFile: '/proc/nope/deeper/x.db' })).rejects.toThrow(
      /cannot create the directory \/proc\/nope \(ENOENT\)/,
    );
  });

  it('below a file that is not a directory', async () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    await expect(startEmulator({ port: 0, dataFile: join(file, 'sub', 'x.db') })).rejects.toThrow(
      `Cannot open the data file ${join(file, 'sub', 'x.db')}: ${file} is not a directory.`,
    );
  });

  it('still creates missing directories that can be created', async () => {
    const file = join(dir, 'a', 'b', 'c', 'cognito.db');
    const emulator = await startEmulator({ port: 0, dataFile: file });
    await emulator.stop();
    expect(existsSync(file)).toBe(true);
  });

  it('the command line exits 1 with the reason for --data under /proc', async () => {
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, '--port', '0', '--data', '/proc/nope/x.db']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, stderr: stderr.trim() }).toEqual({
      code: 1,
      stderr:
        'cognito-emulator: Cannot open the data file /proc/nope/x.db: cannot create the directory /proc/nope (ENOENT).',
    });
  });
});
