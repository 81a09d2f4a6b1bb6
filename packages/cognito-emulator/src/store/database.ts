import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';
import { MIGRATIONS } from './schema.js';

export type Db = InstanceType<typeof Database>;

/**
 * Opens (creating if needed) the emulator's SQLite database and brings its schema up to date.
 * File databases use WAL: a write is durable against a killed process once the statement returns.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  if (file !== ':memory:') {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA busy_timeout = 5000');
  }
  db.exec('PRAGMA foreign_keys = ON');
  migrate(db);
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
