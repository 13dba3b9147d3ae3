import type { ApiErrorBody } from './api-error';

/** Why the storage underneath could not serve a request, as a client may act on it. */
export type StoreFaultReason = 'disk-full' | 'read-only' | 'io-error' | 'cannot-open' | 'busy';

export interface StoreFault {
  reason: StoreFaultReason;
  /** SQLite's own (extended) result code, e.g. SQLITE_FULL or SQLITE_IOERR_WRITE. */
  sqliteCode: string;
  /** The fault in a person's words, e.g. "disk full". */
  words: string;
  /** How long a client should wait before retrying. */
  retryAfterSeconds: number;
}

/** SQLite result codes (and their extended forms) that mean "the storage, not the request": a 503. */
const FAULTS: ReadonlyArray<
  readonly [prefix: string, reason: StoreFaultReason, words: string, retryAfterSeconds: number]
> = [
  ['SQLITE_FULL', 'disk-full', 'disk full', 30],
  ['SQLITE_READONLY', 'read-only', 'the database is read-only', 30],
  ['SQLITE_IOERR', 'io-error', 'a disk read or write failed', 10],
  ['SQLITE_CANTOPEN', 'cannot-open', 'the database file cannot be opened', 30],
  ['SQLITE_BUSY', 'busy', 'the database is busy', 1],
];

const MAX_CAUSES = 5;

/**
 * The storage fault behind an error, if any: better-sqlite3's SqliteError carries the SQLite code
 * itself; the event store wraps it in StoreUnavailableError (EVENT_STORE.UNAVAILABLE) as `cause`.
 */
export function storeFaultOf(error: unknown): StoreFault | null {
  let current: unknown = error;
  // Not `instanceof Error`: errors made by a native addon or another realm (a jest sandbox) fail it.
  for (let depth = 0; depth < MAX_CAUSES && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      const hit = FAULTS.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`));
      if (hit) return { reason: hit[1], sqliteCode: code, words: hit[2], retryAfterSeconds: hit[3] };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * The 503 a person can act on. A write was refused whole (the store commits each command in one
 * transaction), so the message may promise that nothing of it was recorded.
 */
export function storeFaultBody(fault: StoreFault, method: string): ApiErrorBody {
  const { words } = fault;
  const reading = method === 'GET' || method === 'HEAD';
  return {
    statusCode: 503,
    code: 'EVENT_STORE.UNAVAILABLE',
    message: reading
      ? `The store cannot be read just now (${words}). Try again later.`
      : `The event store cannot write just now (${words}); nothing was recorded. Try again later.`,
    details: {
      reason: fault.reason,
      sqliteCode: fault.sqliteCode,
      retryAfterSeconds: fault.retryAfterSeconds,
    },
  };
}
