import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreUnavailableError } from '@trustworks/event-store';
import { ErrorFilter } from './error.filter';

/** What SQLite itself throws, provoked on real files (only the I/O error cannot be made on demand). */
function thrownBy(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected SQLite to refuse');
}

describe('ErrorFilter and storage faults', () => {
  const filter = new ErrorFilter([['EVENT_STORE.UNAVAILABLE', 503]]);
  let dir: string;
  let path: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trustworks-filter-'));
    path = join(dir, 'x.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE t (v TEXT NOT NULL UNIQUE)');
    db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const diskFull = () =>
    thrownBy(() => {
      const db = new Database(path);
      try {
        db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
        db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000));
      } finally {
        db.close();
      }
    });

  it('answers a full disk behind the event store with 503, a plain message and Retry-After', () => {
    const error = new StoreUnavailableError('The event store cannot write (SQLITE_FULL).', diskFull());
    expect(filter.toBody(error, 'POST')).toEqual({
      statusCode: 503,
      code: 'EVENT_STORE.UNAVAILABLE',
      message: 'The event store cannot write just now (disk full); nothing was recorded. Try again later.',
      details: { reason: 'disk-full', sqliteCode: 'SQLITE_FULL', retryAfterSeconds: 30 },
    });
  });

  it.each([
    [
      'read-only',
      'SQLITE_READONLY',
      () =>
        thrownBy(() => {
          const db = new Database(path, { readonly: true });
          try {
            db.prepare('INSERT INTO t VALUES (?)').run('y');
          } finally {
            db.close();
          }
        }),
    ],
    [
      'cannot-open',
      'SQLITE_CANTOPEN',
      () => thrownBy(() => new Database(join(dir, 'missing.sqlite'), { fileMustExist: true })),
    ],
    [
      'busy',
      'SQLITE_BUSY',
      () => {
        const holder = new Database(path);
        const other = new Database(path, { timeout: 0 });
        holder.exec('BEGIN IMMEDIATE');
        try {
          return thrownBy(() => other.prepare('INSERT INTO t VALUES (?)').run('z'));
        } finally {
          holder.exec('ROLLBACK');
          holder.close();
          other.close();
        }
      },
    ],
    [
      'io-error',
      'SQLITE_IOERR_WRITE',
      // Not provokable on demand: better-sqlite3's own error class with the code SQLite gives.
      () => new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE'),
    ],
  ])('answers %s (%s) thrown raw by SQLite with 503', (reason, sqliteCode, provoke) => {
    const error = provoke();
    expect((error as { code: string }).code).toBe(sqliteCode);
    const body = filter.toBody(error, 'POST');
    expect(body).toMatchObject({
      statusCode: 503,
      code: 'EVENT_STORE.UNAVAILABLE',
      details: { reason, sqliteCode },
    });
    expect(body.message).toMatch(/^The event store cannot write just now \(.+\); nothing was recorded/);
  });

  it('words a failed read as a read', () => {
    expect(filter.toBody(diskFull(), 'GET').message).toBe(
      'The store cannot be read just now (disk full). Try again later.',
    );
  });

  it('keeps other SQLite errors a 500 that reveals nothing', () => {
    const error = thrownBy(() => {
      const db = new Database(path);
      try {
        db.prepare('INSERT INTO t VALUES (?)').run(null);
      } finally {
        db.close();
      }
    });
    expect((error as { code: string }).code).toBe('SQLITE_CONSTRAINT_NOTNULL');
    expect(filter.toBody(error, 'POST')).toMatchObject({ statusCode: 500, code: 'INTERNAL' });
  });

  it('keeps an unavailable store without a SQLite cause (closed, EventStoreDB down) as it was', () => {
    const body = filter.toBody(new StoreUnavailableError('The event store is closed.'), 'POST');
    expect(body).toEqual({
      statusCode: 503,
      code: 'EVENT_STORE.UNAVAILABLE',
      message: 'The event store is closed.',
      details: {},
    });
  });
});
