import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

// The headless Chromium of the page tests: Debian's (`.ci/run` installs it), or CHROMIUM_PATH.

/** Where Chromium is on this machine, if anywhere. */
export const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => !!path && existsSync(path),
);

/**
 * Whether a file's browser tests are skipped: on a developer's machine without Chromium (the file
 * says so once), never in CI (CI=true), where `launchChromium` then fails the tests instead, so
 * the pages are always tested where it counts.
 */
export function skipWithoutChromium(file: string): boolean {
  if (CHROMIUM || process.env.CI) return false;
  console.warn(`${file}: no chromium found (set CHROMIUM_PATH or apt-get install chromium): skipped`);
  return true;
}

/** Starts headless Chromium; fails where there is none (CI). */
export function launchChromium(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('chromium is required in CI: apt-get install chromium');
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}
