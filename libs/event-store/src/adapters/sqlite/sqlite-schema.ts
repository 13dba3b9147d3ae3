import type Database from 'better-sqlite3';

/**
 * Schema migrations, applied in order at start-up inside one transaction each. Append-only: a
 * released migration is never edited; a change is a new entry.
 */
const MIGRATIONS: ReadonlyArray<{ version: number; description: string; sql: string }> = [
  {
    version: 1,
    description: 'events table with global position and per-stream revisions',
    sql: `
      CREATE TABLE events (
        position  INTEGER PRIMARY KEY,
        stream_id TEXT    NOT NULL,
        revision  INTEGER NOT NULL,
        event_id  TEXT    NOT NULL,
        type      TEXT    NOT NULL,
        data      TEXT    NOT NULL,
        metadata  TEXT    NOT NULL,
        UNIQUE (stream_id, revision),
        UNIQUE (stream_id, event_id)
      );
      CREATE INDEX events_by_type ON events (type, position);
      -- History is immutable: the database itself refuses edits and deletions.
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function migrate(db: Database.Database, now: () => string): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  const current = row.v ?? 0;
  if (current > LATEST_SCHEMA_VERSION) {
    throw new Error(
      `The database schema is version ${current}, newer than this build understands (${LATEST_SCHEMA_VERSION}). ` +
        'Upgrade Trustworks before opening it.',
    );
  }
  const record = db.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)');
  for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.description, now());
    }).immediate();
  }
  return LATEST_SCHEMA_VERSION;
}
