import {
  eventTypeFilter,
  isCommandError,
  streamNameFilter,
  type Filter,
  type Position as EsdbPosition,
} from '@eventstore/db-client';
import type { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { EventFilter, EventMetadata, Position, RecordedEvent } from '../../port/event-store.port';
import { StoreUnavailableError } from '../../port/errors';
import { matchesFilter } from '../../support/filter';

/*
 * Positions. EventStoreDB addresses $all by (commit, prepare) log offsets, unsigned 64-bit. Events
 * appended through gRPC commit themselves, so commit === prepare for every event the adapter writes
 * or reads; our Position is that commit position as a number, and the reverse mapping sets both
 * fields to it. A number is exact only up to 2^53 - 1 bytes of log (8 PiB): beyond that the adapter
 * refuses to answer rather than round, and the port would need a bigint Position.
 */
export function toPosition(commit: bigint | string): Position {
  const value = typeof commit === 'bigint' ? commit : BigInt(commit);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(
      `EventStoreDB position ${value} is beyond 2^53; the port's number Position cannot hold it.`,
    );
  }
  return Number(value);
}

export function toEsdbPosition(position: Position): EsdbPosition {
  return { commit: BigInt(position), prepare: BigInt(position) };
}

/** System records ($-prefixed stream or type: settings, stats, metadata, links) are not our events. */
export function isSystem(stream: string, type: string): boolean {
  return stream.startsWith('$') || type.startsWith('$');
}

/**
 * EventStoreDB filters on one field at a time (stream name or event type, by prefixes or a regex).
 * The server narrows on the most selective field we have; `keep` applies the rest of our filter and
 * drops system records, so the answer is exactly the port's.
 */
export interface FilterPlan {
  server: Filter;
  keep(stream: string, type: string): boolean;
}

export function planFilter(filter: EventFilter | undefined): FilterPlan {
  const keep = (stream: string, type: string) =>
    !isSystem(stream, type) && matchesFilter(filter, stream, type);
  if (filter?.eventTypes && filter.eventTypes.length > 0) {
    const alternatives = filter.eventTypes.map(escapeRegex).join('|');
    return { server: eventTypeFilter({ regex: `^(?:${alternatives})$` }), keep };
  }
  if (filter?.streamPrefixes && filter.streamPrefixes.length > 0) {
    return { server: streamNameFilter({ prefixes: [...filter.streamPrefixes] }), keep };
  }
  return { server: eventTypeFilter({ regex: '^[^$]' }), keep };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Our metadata object is the event's custom metadata, as JSON; anything else is not one of our events. */
export function recordedEvent(
  event: {
    id: string;
    type: string;
    streamId: string;
    revision: bigint;
    data: unknown;
    metadata?: unknown;
    position?: { commit: bigint };
  },
  commitPosition?: bigint,
): RecordedEvent {
  const commit = commitPosition ?? event.position?.commit;
  if (commit === undefined)
    throw new StoreUnavailableError(`EventStoreDB sent event ${event.id} without a position.`);
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata as EventMetadata,
    stream: event.streamId,
    revision: Number(event.revision),
    position: toPosition(commit),
  };
}

/** For reads made on the raw Streams.Read call (filtered $all reads): the same shape as the client gives. */
export function fromReadResponse(response: ReadResp): RecordedEvent | undefined {
  const record = response.getEvent()?.getEvent();
  if (!record) return undefined;
  const metadata = record.getCustomMetadata_asU8();
  const id = record.getId();
  return {
    id: id?.hasString() ? id.getString() : '',
    type: record.getMetadataMap().get('type') ?? '',
    data: JSON.parse(Buffer.from(record.getData_asU8()).toString('utf8')),
    metadata: metadata.length > 0 ? JSON.parse(Buffer.from(metadata).toString('utf8')) : undefined,
    stream: Buffer.from(record.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array()).toString(
      'utf8',
    ),
    revision: Number(record.getStreamRevision()),
    position: toPosition(record.getCommitPosition()),
  };
}

/** Connection loss, timeouts and server errors all mean the store cannot answer now. */
export function unavailable(error: unknown, what: string): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error;
  const detail = isCommandError(error as Error)
    ? `${(error as Error & { type: string }).type}: ${(error as Error).message}`
    : String((error as Error)?.message ?? error);
  return new StoreUnavailableError(`EventStoreDB could not ${what} (${detail}).`, error);
}

/** Errors after which a subscription should reconnect rather than fail. */
export function isTransient(error: unknown): boolean {
  if (!isCommandError(error as Error)) return true;
  if (!(error as { type?: string }).type) return true;
  return ['unavailable', 'cancelled', 'deadline-exceeded', 'timeout', 'unknown', 'not-leader'].includes(
    (error as { type: string }).type,
  );
}

/**
 * Runs a call again when the connection failed under it: the first call after a server restart
 * meets the dead channel, and the client only reconnects after that failure. Safe for appends too,
 * because they carry event ids and an expected revision: a write that did land answers the retry
 * idempotently instead of writing twice.
 */
export async function retryTransient<T>(call: () => Promise<T>, attempts = 3, delayMs = 100): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const connection =
        isCommandError(error as Error) &&
        ['unavailable', 'cancelled'].includes((error as { type: string }).type);
      if (!connection || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** (attempt - 1)));
    }
  }
}
