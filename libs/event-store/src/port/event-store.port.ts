import type { Observable } from 'rxjs';

/**
 * The one event-store port. Every adapter (sqlite, memory, esdb) keeps this contract, and the shared
 * contract suite (`contract/event-store.contract.ts`) proves it.
 *
 * Guarantees every adapter gives:
 * - Revisions are per stream, 0-based and gap-free: the first event of a stream has revision 0.
 * - Positions are global, strictly increasing in commit order, and never reused. They need not be
 *   contiguous (EventStoreDB's are log offsets). A reader that has seen position P has seen every
 *   committed event with a smaller position.
 * - An append is atomic: all its events are stored, or none.
 * - Appending events whose ids are already in the stream at the place the expected revision names is
 *   a no-op that answers the original result (an idempotent retry).
 * - History is immutable: no adapter offers update or delete.
 */
export interface EventStore {
  /** Which adapter this is, for health reports and logs. */
  readonly kind: string;

  appendToStream(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;

  /** Yields the stream's events in order; a stream that does not exist yields nothing. */
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;

  /** Yields events across all streams in position order; streams rows, never a whole table. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /**
   * Catch-up, then live. Emits every matching event after `fromPosition` exactly once and in position
   * order, with no gap and no duplicate at the switch-over from catch-up to live; emits `caughtUp`
   * once when it reaches the head, and `checkpoint` messages a consumer may store (they may advance
   * past events the filter excluded). Unsubscribing stops it.
   */
  subscribeToAll(options?: SubscribeToAllOptions): Observable<SubscriptionMessage>;

  /** The position of the last committed event, or null for an empty store. */
  headPosition(): Promise<Position | null>;

  close(): Promise<void>;
}

/** A global position in the store. Safe-integer numbers: a store that outgrows 2^53 needs a new port. */
export type Position = number;

export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export interface EventMetadata {
  /** Who recorded it (the subject of the token, or a system actor such as `system:reminders`). */
  actor: string;
  /** On whose authority: the local authority the actor acted for. */
  authority: string;
  correlationId: string;
  causationId: string;
  /** When the store was asked to record it: ISO-8601 UTC, given by the caller's clock. */
  recordedAt: string;
  /** The version of this event type's payload schema; old versions are upcast on read. */
  schemaVersion: number;
  /** Adapters keep extra metadata keys as given (e.g. hash-chain fields). */
  [key: string]: unknown;
}

export interface NewEvent<TData = unknown> {
  /** A uuid chosen by the caller, so a retried append is recognised. */
  id: string;
  type: string;
  data: TData;
  metadata: EventMetadata;
}

export interface RecordedEvent<TData = unknown> extends NewEvent<TData> {
  stream: string;
  revision: number;
  position: Position;
}

export interface AppendOptions {
  /** Defaults to 'any'. */
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the last event now in the stream. */
  nextRevision: number;
  /** The global position of the last event written by this append. */
  position: Position;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Inclusive. Defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number;
  direction?: Direction;
  maxCount?: number;
}

export interface EventFilter {
  /** Keep events whose stream name starts with any of these. */
  streamPrefixes?: readonly string[];
  /** Keep events whose type is one of these. */
  eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Inclusive: the first event read has position >= fromPosition (forwards) or <= (backwards). */
  fromPosition?: Position;
  direction?: Direction;
  filter?: EventFilter;
  maxCount?: number;
}

export interface SubscribeToAllOptions {
  /**
   * Exclusive, a checkpoint: deliver events with a position greater than this. Omit (or 'start') to
   * begin at the first event; 'end' to receive only events committed after subscribing.
   */
  fromPosition?: Position | 'start' | 'end';
  filter?: EventFilter;
}

export type SubscriptionMessage =
  | { type: 'event'; event: RecordedEvent }
  | { type: 'caughtUp'; position: Position | null }
  | { type: 'checkpoint'; position: Position };
