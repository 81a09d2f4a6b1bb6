// Installs Nest 11 for `npm run test:nest11` with `npm ci` (exactly this folder's lockfile; the
// registry on the first run, npm's cache afterwards), unless the same lockfile is installed already.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const here = new URL('.', import.meta.url);
const stamp = new URL('node_modules/.installed-lock-sha256', here);
const lock = createHash('sha256')
  .update(readFileSync(new URL('package-lock.json', here)))
  .digest('hex');

if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lock) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: here,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  writeFileSync(stamp, lock);
}
