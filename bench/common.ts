import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

/** Shared helpers of the benchmarks: medians, child processes, memory, results files. */

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

/** An absolute path from one relative to the repository root. */
export const fromRoot = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory of a process, now and at its peak, in MiB (Linux `/proc`). */
export function memoryOf(pid: number): { rssMiB: number; peakRssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
  return { rssMiB: round(kib('VmRSS') / 1024), peakRssMiB: round(kib('VmHWM') / 1024) };
}

/**
 * CPU time a process has used so far (user + system, all its threads), in milliseconds, from Linux
 * `/proc/<pid>/stat` (fields 14 and 15, in clock ticks of `getconf CLK_TCK`, 100 on Linux).
 */
export function cpuTimeMs(pid: number, ticksPerSecond = 100): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** Runs `task` `count` times with `concurrency` in flight; how many failed. */
export async function runCount(
  task: (i: number) => Promise<unknown>,
  options: { concurrency: number; count: number },
): Promise<{ errors: number }> {
  let next = 0;
  let errors = 0;
  const worker = async () => {
    while (next < options.count) {
      try {
        await task(next++);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { errors };
}

/** Spawns a process and resolves once `ready()` answers true (polled), with the time that took. */
export async function spawnUntilReady(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; ready: () => Promise<boolean>; timeoutMs?: number },
): Promise<{ child: ChildProcess; readyMs: number }> {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = started + (options.timeoutMs ?? 30_000);
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command} exited ${child.exitCode}: ${stderr}`);
    if (await options.ready().catch(() => false)) return { child, readyMs: performance.now() - started };
    await sleep(5);
  }
  child.kill('SIGKILL');
  throw new Error(`${command} was not ready within ${options.timeoutMs ?? 30_000} ms: ${stderr}`);
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Runs `task` with `concurrency` in flight for `durationMs`; completions per second. */
export async function throughput(
  task: (i: number) => Promise<unknown>,
  options: { concurrency: number; durationMs: number },
): Promise<{ perSecond: number; completed: number; errors: number }> {
  let completed = 0;
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const end = started + options.durationMs;
  const worker = async () => {
    while (performance.now() < end) {
      try {
        await task(next++);
        completed++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: completed / seconds, completed, errors };
}

export function machine() {
  return {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30),
  };
}

/** Writes a benchmark's results to `bench/results/<name>.json` and returns the path. */
export function writeResults(name: string, results: object): string {
  const path = fromRoot(`bench/results/${name}.json`);
  writeFileSync(
    path,
    `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), ...results }, null, 2)}\n`,
  );
  return path;
}

/** A Markdown table, for the console and to paste into the docs. */
export function table(header: string[], rows: (string | number)[][]): string {
  const lines = [header, header.map(() => '---'), ...rows.map((r) => r.map(String))];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
