import type { RecordedEvent } from '@trustworks/event-store';
import { upcastTrustEvent, type TrustEvent } from '@trustworks/trust-domain';

/** Every trust lives in one stream; projections subscribe to this prefix. */
export const TRUST_STREAM_PREFIX = 'trust-';

export function trustStream(trustId: string): string {
  return `${TRUST_STREAM_PREFIX}${trustId}`;
}

export function trustIdOf(stream: string): string {
  return stream.slice(TRUST_STREAM_PREFIX.length);
}

/** A stored event read back as the current version of its domain event. */
export function toDomainEvent(recorded: RecordedEvent): TrustEvent {
  return upcastTrustEvent({
    type: recorded.type,
    schemaVersion: Number(recorded.metadata.schemaVersion),
    data: recorded.data,
  });
}
