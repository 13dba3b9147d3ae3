import type { ExpectedRevision, NewEvent } from '../port/event-store.port';
import { DuplicateEventIdError, InvalidAppendError, WrongExpectedRevisionError } from '../port/errors';

/** An append whose input has been checked and serialised once, before it reaches any storage. */
export interface PreparedAppend {
  stream: string;
  expectedRevision: ExpectedRevision;
  events: PreparedEvent[];
}

export interface PreparedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REQUIRED_METADATA = ['actor', 'authority', 'correlationId', 'causationId', 'recordedAt'] as const;

/** Validates an append and serialises its payloads; throws InvalidAppendError naming the first problem. */
export function prepareAppend(stream: unknown, events: unknown, expectedRevision: unknown): PreparedAppend {
  const { expected, list } = checkAppend(stream, events, expectedRevision);
  const prepared = list.map((event) => ({
    id: event.id.toLowerCase(),
    type: event.type,
    data: JSON.stringify(event.data),
    metadata: JSON.stringify(event.metadata),
  }));
  return { stream: stream as string, expectedRevision: expected, events: prepared };
}

/**
 * The checks of `prepareAppend` without the serialising, for a decorator that must refuse malformed
 * input exactly as the store would, before it works on the events itself.
 */
export function checkAppend(
  stream: unknown,
  events: unknown,
  expectedRevision: unknown,
): { expected: ExpectedRevision; list: NewEvent[] } {
  if (typeof stream !== 'string' || stream.trim() === '') {
    throw new InvalidAppendError('The stream name must be a non-empty string.');
  }
  if (stream.length > 1024) throw new InvalidAppendError('The stream name is longer than 1024 characters.');
  const expected = checkExpectedRevision(expectedRevision ?? 'any');
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppendError('An append needs a non-empty array of events.');
  }
  const list = events.map((event: unknown, index) => checkEvent(event, index));
  const ids = new Set(list.map((e) => e.id.toLowerCase()));
  if (ids.size !== list.length) throw new InvalidAppendError('Two events in one append share an id.');
  return { expected, list };
}

function checkExpectedRevision(value: unknown): ExpectedRevision {
  if (value === 'no_stream' || value === 'stream_exists' || value === 'any') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new InvalidAppendError(
    `expectedRevision must be a whole number >= 0, 'no_stream', 'stream_exists' or 'any'; got ${describe(value)}.`,
  );
}

function checkEvent(event: unknown, index: number): NewEvent {
  const where = `Event ${index}`;
  if (!isPlainObject(event)) throw new InvalidAppendError(`${where} is not an object.`);
  const { id, type, data, metadata } = event;
  if (typeof id !== 'string' || !UUID.test(id)) throw new InvalidAppendError(`${where} needs a uuid "id".`);
  if (typeof type !== 'string' || type.trim() === '') {
    throw new InvalidAppendError(`${where} needs a non-empty string "type".`);
  }
  if (!isPlainObject(metadata)) throw new InvalidAppendError(`${where} needs a "metadata" object.`);
  for (const key of REQUIRED_METADATA) {
    if (typeof metadata[key] !== 'string')
      throw new InvalidAppendError(`${where} metadata needs "${key}" (a string).`);
  }
  if (!Number.isSafeInteger(metadata.schemaVersion) || (metadata.schemaVersion as number) < 1) {
    throw new InvalidAppendError(`${where} metadata needs "schemaVersion" (a whole number >= 1).`);
  }
  if (Number.isNaN(Date.parse(metadata.recordedAt as string))) {
    throw new InvalidAppendError(`${where} metadata "recordedAt" is not an ISO-8601 time.`);
  }
  assertJson(data, `${where} data`, new Set());
  assertJson(metadata, `${where} metadata`, new Set());
  return event as unknown as NewEvent;
}

/** Only values that survive a JSON round trip unchanged; anything else would silently alter history. */
function assertJson(value: unknown, path: string, seen: Set<object>): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value))
        throw new InvalidAppendError(`${path} holds ${value}, which JSON cannot carry.`);
      return;
    case 'object':
      if (value === null) return;
      return assertJsonObject(value, path, seen);
    default:
      throw new InvalidAppendError(`${path} holds a ${typeof value}, which is not JSON.`);
  }
}

function assertJsonObject(value: object, path: string, seen: Set<object>): void {
  if (seen.has(value)) throw new InvalidAppendError(`${path} is circular, which is not JSON.`);
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertJson(item, `${path}[${i}]`, seen));
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) assertJson(item, `${path}.${key}`, seen);
    }
  } else {
    throw new InvalidAppendError(
      `${path} holds a ${value.constructor?.name ?? 'non-plain'} object, which is not JSON.`,
    );
  }
  seen.delete(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : `${typeof value} ${String(value)}`;
}

/** What storage must answer for `decideAppend` to apply the expected-revision and idempotency rules. */
export interface StreamLookup {
  /** The revision of the stream's last event, or 'no_stream'. */
  currentRevision(): number | 'no_stream';
  /** The revision at which this event id sits in the stream, if it does. */
  revisionOfEventId(id: string): number | undefined;
  /** The event id at a revision, if there is one. */
  eventIdAt(revision: number): string | undefined;
}

export type AppendDecision =
  { kind: 'write'; firstRevision: number } | { kind: 'already-written'; lastRevision: number };

/**
 * The rules every adapter applies, in this order:
 * 1. An idempotent retry (the same ids, in the same order, at the place the expected revision names)
 *    answers the original result and writes nothing.
 * 2. Otherwise the expected revision must hold, or WrongExpectedRevisionError.
 * 3. Otherwise an id already in the stream is a DuplicateEventIdError.
 */
export function decideAppend(append: PreparedAppend, lookup: StreamLookup): AppendDecision {
  const { stream, expectedRevision: expected, events } = append;
  const current = lookup.currentRevision();
  // A stream that does not exist holds no ids: no retry and no duplicate is possible, so the two
  // id look-ups below are skipped for the commonest append of all, the first one of a stream.
  const firstAt = current === 'no_stream' ? undefined : lookup.revisionOfEventId(events[0].id);
  if (firstAt !== undefined && isRetryAt(firstAt, append, lookup)) {
    return { kind: 'already-written', lastRevision: firstAt + events.length - 1 };
  }
  if (!revisionMatches(expected, current)) throw new WrongExpectedRevisionError(stream, expected, current);
  if (current !== 'no_stream') {
    if (firstAt !== undefined) throw new DuplicateEventIdError(stream, events[0].id);
    for (let i = 1; i < events.length; i += 1) {
      if (lookup.revisionOfEventId(events[i].id) !== undefined) {
        throw new DuplicateEventIdError(stream, events[i].id);
      }
    }
  }
  return { kind: 'write', firstRevision: current === 'no_stream' ? 0 : current + 1 };
}

function isRetryAt(firstAt: number, append: PreparedAppend, lookup: StreamLookup): boolean {
  const expected = append.expectedRevision;
  const placeMatches =
    expected === 'any' ||
    expected === 'stream_exists' ||
    (expected === 'no_stream' && firstAt === 0) ||
    expected === firstAt - 1;
  return placeMatches && append.events.every((event, i) => lookup.eventIdAt(firstAt + i) === event.id);
}

function revisionMatches(expected: ExpectedRevision, current: number | 'no_stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === 'no_stream';
    case 'stream_exists':
      return current !== 'no_stream';
    default:
      return current === expected;
  }
}
