import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'libsql';
import { MIGRATIONS } from './schema.js';

export type Db = InstanceType<typeof Database>;
type Statement = Database.Statement<unknown[]>;

/** How many distinct statements a database keeps compiled (the emulator has fewer than this). */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Makes `db.prepare` compile each distinct SQL text once and hand back the same statement after:
 * compiling costs more than running most of the emulator's queries (a sign-in runs four). Bounded:
 * past `STATEMENT_CACHE_SIZE` texts the oldest is dropped. The emulator never leaves a statement in
 * a mode (`raw`, `pluck`) or mid-iteration, so a statement is safe to share.
 */
function cacheStatements(db: Db): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Statement>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = compile<unknown[]>(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(sql, statement);
    }
    return statement;
  }) as Db['prepare'];
}

/**
 * Creates the missing directories above a data file one level at a time (not `recursive: true`,
 * which on Node 20 loops forever under file systems such as /proc that refuse every mkdir), failing
 * at once with the data file's path and the reason.
 */
function ensureDirectoryOf(file: string): void {
  const missing: string[] = [];
  let directory = dirname(resolve(file));
  while (!existsSync(directory)) {
    missing.unshift(directory);
    directory = dirname(directory);
  }
  if (!statSync(directory).isDirectory()) {
    throw new Error(`Cannot open the data file ${file}: ${directory} is not a directory.`);
  }
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new Error(`Cannot open the data file ${file}: cannot create the directory ${path} (${reason}).`, {
        cause: error,
      });
    }
  }
}

/**
 * Opens (creating if needed) the emulator's SQLite database and brings its schema up to date.
 * File databases use WAL: a write is durable against a killed process once the statement returns.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') ensureDirectoryOf(file);
  const db = new Database(file);
  if (file !== ':memory:') {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA busy_timeout = 5000');
  }
  db.exec('PRAGMA foreign_keys = ON');
  migrate(db);
  cacheStatements(db);
  return db;
}

export function schemaVersion(db: Db): number {
  return Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
}

function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > MIGRATIONS.length) {
    throw new Error(
      `This database was written by a newer cognito-emulator (schema ${current}, this one knows ${MIGRATIONS.length}).`,
    );
  }
  if (current === MIGRATIONS.length) return;
  const apply = db.transaction(() => {
    for (let version = current; version < MIGRATIONS.length; version++) db.exec(MIGRATIONS[version]!);
    db.exec(`PRAGMA user_version = ${MIGRATIONS.length}`);
  });
  apply();
}

/**
 * Runs `work` as one unit: all its writes or none. Nests (a savepoint inside a running
 * transaction), which libsql's `db.transaction` does not. `work` must be synchronous.
 */
export function atomically<T>(db: Db, work: () => T): T {
  const nested = db.inTransaction;
  db.exec(nested ? 'SAVEPOINT atomically' : 'BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec(nested ? 'RELEASE atomically' : 'COMMIT');
    return result;
  } catch (error) {
    if (nested) db.exec('ROLLBACK TO atomically; RELEASE atomically');
    else if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Runs `work` and undoes every write it made: the same statements as the real thing, no effect.
 * The unknown-user path of ForgotPassword rehearses a delivery so that it costs what a real one
 * costs (existence must not show in the timing).
 */
export function rehearse<T>(db: Db, work: () => T): T {
  const nested = db.inTransaction;
  db.exec(nested ? 'SAVEPOINT atomically' : 'BEGIN IMMEDIATE');
  try {
    return work();
  } finally {
    db.exec(nested ? 'ROLLBACK TO atomically; RELEASE atomically' : 'ROLLBACK');
  }
}
