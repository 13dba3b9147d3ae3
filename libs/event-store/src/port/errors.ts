import type { ExpectedRevision } from './event-store.port';

/** Base of every event-store error; `code` is stable and safe to map to HTTP. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream was not at the revision the caller expected. Nothing was written. */
export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_REVISION';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(
      `Stream "${stream}" is at ${actual === 'no_stream' ? 'no stream' : `revision ${actual}`}, ` +
        `but the append expected ${describeExpected(expected)}.`,
    );
  }
}

/** The append itself is malformed (empty stream name, data that is not JSON, a bad revision...). Nothing was written. */
export class InvalidAppendError extends EventStoreError {
  readonly code = 'EVENT_STORE.INVALID_APPEND';
  constructor(message: string) {
    super(message);
  }
}

/** An event id already stored in this stream, at a place other than an idempotent retry. Nothing was written. */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'EVENT_STORE.DUPLICATE_EVENT_ID';
  constructor(
    readonly stream: string,
    readonly eventId: string,
  ) {
    super(`Event id ${eventId} is already recorded in stream "${stream}" at another place.`);
  }
}

/** The store cannot take writes now (disk full, read-only file, closed). Nothing was written. */
export class StoreUnavailableError extends EventStoreError {
  readonly code = 'EVENT_STORE.UNAVAILABLE';
  constructor(message: string, cause?: unknown) {
    super(message);
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

export function describeExpected(expected: ExpectedRevision): string {
  switch (expected) {
    case 'no_stream':
      return 'no stream';
    case 'stream_exists':
      return 'an existing stream';
    case 'any':
      return 'any revision';
    default:
      return `revision ${expected}`;
  }
}
