import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type LambdaHandler, LambdaFunctionError } from './handler.js';

/** A handler in a file: `./triggers/pre-sign-up.js#handler` (the export is `handler` unless named). */
export interface HandlerFile {
  /** Absolute path of the module. */
  path: string;
  exportName: string;
}

/** A `file[#export]` spec, its file resolved against `baseDir` (the seed file's folder, or the cwd). */
export function handlerFileOf(spec: string, baseDir: string): HandlerFile {
  const hash = spec.lastIndexOf('#');
  const file = hash === -1 ? spec : spec.slice(0, hash);
  const exportName = hash === -1 ? 'handler' : spec.slice(hash + 1);
  if (file.trim() === '' || !/^[A-Za-z_$][\w$]*$/.test(exportName)) {
    throw new Error(`Lambda handler "${spec}" is not of the form <file>[#<export>].`);
  }
  return { path: isAbsolute(file) ? file : resolve(baseDir, file), exportName };
}

/**
 * Whether Node.js (and so the Lambda runtime) loads a file as an ES module: `.mjs`, or `.js` in a
 * folder whose nearest `package.json` says `"type": "module"`; `.cjs` and other `.js` are CommonJS.
 */
export function isEsModule(path: string): boolean {
  const extension = extname(path);
  if (extension === '.mjs') return true;
  if (extension !== '.js') return false;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const type = packageTypeIn(dir);
    if (type !== undefined) return type === 'module';
    if (dirname(dir) === dir) return false;
  }
}

/** The `type` of the `package.json` in a folder: undefined without one, `commonjs` unless it says otherwise. */
function packageTypeIn(dir: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, 'package.json'), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const type: unknown = (JSON.parse(text) as { type?: unknown }).type;
    return typeof type === 'string' ? type : 'commonjs';
  } catch {
    return 'commonjs';
  }
}

/**
 * Loads handlers from files as the Node.js Lambda runtime does, and again whenever a file changes
 * (its modification time or size, checked at every invocation), so that an edited trigger runs
 * without a restart. CommonJS modules are required afresh (their entry dropped from the require
 * cache); ES modules are imported under a new `?v=` query, since Node keeps every module it
 * imported: each edit of an ES module trigger keeps its old version in memory until the emulator
 * stops. Only the file itself is watched: modules it imports are reloaded with it only if they are
 * CommonJS ones it requires anew.
 */
export class HandlerFileLoader {
  private readonly loaded = new Map<string, { version: string; handler: Promise<LambdaHandler<unknown>> }>();

  /** The handler of a file as it is now; failures are the runtime's (`Runtime.ImportModuleError`, ...). */
  load(file: HandlerFile): Promise<LambdaHandler<unknown>> {
    let version: string;
    try {
      const stat = statSync(file.path);
      version = `${stat.mtimeMs}-${stat.size}`;
    } catch {
      return Promise.reject(
        new LambdaFunctionError('Runtime.ImportModuleError', `Cannot find module '${file.path}'`),
      );
    }
    const key = `${file.path}#${file.exportName}`;
    const cached = this.loaded.get(key);
    if (cached?.version === version) return cached.handler;
    const handler = importHandler(file, version);
    this.loaded.set(key, { version, handler });
    return handler;
  }
}

async function importHandler(file: HandlerFile, version: string): Promise<LambdaHandler<unknown>> {
  let module: Record<string, unknown>;
  try {
    module = isEsModule(file.path) ? await importFresh(file.path, version) : requireFresh(file.path);
  } catch (error) {
    throw new LambdaFunctionError(
      error instanceof SyntaxError ? 'Runtime.UserCodeSyntaxError' : 'Runtime.ImportModuleError',
      error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    );
  }
  const handler = module[file.exportName];
  if (typeof handler !== 'function') {
    throw new LambdaFunctionError(
      'Runtime.HandlerNotFound',
      `${file.path}#${file.exportName} is undefined or not exported`,
    );
  }
  return handler as LambdaHandler<unknown>;
}

function requireFresh(path: string): Record<string, unknown> {
  const require = createRequire(path);
  const resolved = require.resolve(path);
  delete require.cache[resolved];
  return require(resolved) as Record<string, unknown>;
}

async function importFresh(path: string, version: string): Promise<Record<string, unknown>> {
  const url = `${pathToFileURL(path).href}?v=${encodeURIComponent(version)}`;
  return (await import(url)) as Record<string, unknown>;
}
