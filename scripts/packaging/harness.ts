import { spawn } from 'node:child_process';
import { cp, mkdir, readFile, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The packed packages in throwaway applications, offline. `pack()` makes the tarballs a user would
 * get from the registry (`npm pack` after `tsc -b`); `createApp()` copies a fixture (a folder of
 * `fixtures/`: package.json, tsconfig.json, src/) into a new folder, unpacks the tarballs its
 * package.json names into its node_modules, and links every other package it names (and the
 * tarballs' own dependencies) from the workspace's node_modules, where `npm ci` put them: no
 * registry, no npm cache needed. The application's `check` script then builds and runs it.
 *
 * One more case is one more fixture folder (e.g. an app that leaves a peer out: whatever its
 * package.json does not name is not installed).
 */

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const WORKSPACE_MODULES = join(ROOT, 'node_modules');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NODE_OPTIONS: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function runOrThrow(command: string, args: string[], cwd: string): Promise<string> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) exited ${result.code}:\n${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

/** `tsc -b` of the workspace: the tarballs carry what the sources compile to now. */
export async function build(): Promise<void> {
  await runOrThrow(process.execPath, [join(WORKSPACE_MODULES, 'typescript/bin/tsc'), '-b'], ROOT);
}

export interface Packed {
  name: string;
  tarball: string;
  /** Every path in the tarball, relative to the package root. */
  files: string[];
  manifest: PackageJson;
}

export interface PackageJson {
  name: string;
  version: string;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  scripts?: Record<string, string>;
}

/** `npm pack` of a workspace package (`packages/<name>`) into `destination`. */
export async function pack(name: string, destination: string): Promise<Packed> {
  const out = await runOrThrow(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
    join(ROOT, 'packages', name),
  );
  const [{ filename, files }] = JSON.parse(out.slice(out.indexOf('['))) as [
    { filename: string; files: { path: string }[] },
  ];
  const manifest = JSON.parse(
    await readFile(join(ROOT, 'packages', name, 'package.json'), 'utf8'),
  ) as PackageJson;
  return {
    name,
    tarball: join(destination, filename),
    files: files.map((file) => file.path).sort(),
    manifest,
  };
}

export interface AppOptions {
  /** Where `@nestjs/*` come from (a node_modules folder): by default the workspace's (Nest 12). */
  nestModules?: string;
}

/** A new application from `fixtures/<fixture>` in `parent`, installed as described above. */
export async function createApp(
  fixture: string,
  packed: Packed[],
  parent: string,
  options: AppOptions = {},
): Promise<string> {
  const app = join(parent, fixture);
  await cp(join(FIXTURES, fixture), app, { recursive: true });
  const manifest = JSON.parse(await readFile(join(app, 'package.json'), 'utf8')) as PackageJson;
  const wanted = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  const ours = packed.filter((pkg) => wanted.includes(pkg.name));
  const linked = new Set(wanted.filter((name) => !ours.some((pkg) => pkg.name === name)));
  for (const pkg of ours) for (const name of Object.keys(pkg.manifest.dependencies ?? {})) linked.add(name);

  const modules = join(app, 'node_modules');
  await mkdir(modules);
  await Promise.all([
    ...ours.map(async (pkg) => {
      const target = join(modules, pkg.name);
      await mkdir(target, { recursive: true });
      await runOrThrow('tar', ['-xzf', pkg.tarball, '-C', target, '--strip-components=1'], app);
    }),
    ...[...linked].map(async (name) => {
      const from =
        name.startsWith('@nestjs/') && options.nestModules ? options.nestModules : WORKSPACE_MODULES;
      await mkdir(dirname(join(modules, name)), { recursive: true });
      await symlink(join(from, name), join(modules, name), 'dir');
    }),
  ]);
  return app;
}

/** Runs the application's `check` script (`node ...` commands joined by `&&`). */
export async function check(app: string): Promise<RunResult> {
  const manifest = JSON.parse(await readFile(join(app, 'package.json'), 'utf8')) as PackageJson;
  const script = manifest.scripts?.check;
  if (!script) throw new Error(`${app}/package.json has no "check" script`);
  let last: RunResult = { code: 0, stdout: '', stderr: '' };
  for (const step of script.split('&&').map((part) => part.trim().split(/\s+/))) {
    const [command, ...args] = step;
    last = await run(command === 'node' ? process.execPath : command!, args, app);
    if (last.code !== 0) return last;
  }
  return last;
}

/** The JSON object an application printed last. */
export function lastJson(stdout: string): unknown {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line);
}
