import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Opens (creating its folder) a SQLite file in WAL mode with a busy timeout for other processes on
 * it, then `prepare`s it (a migration); the handle is closed again if any step fails. The event store
 * and the read-model files open this way.
 */
export function openWalFile(
  path: string,
  synchronous: 'FULL' | 'NORMAL',
  prepare: (db: Database.Database) => void = () => {},
): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma('busy_timeout = 5000');
    prepare(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
