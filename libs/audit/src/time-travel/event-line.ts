import type { RecordedEvent } from '@trustworks/event-store';
import { toDomainEvent } from '@trustworks/trusts';
import { londonIso } from '@trustworks/platform';
import { summarise } from './summaries';

/** One event as a person reads it in a history or a list of changes. */
export interface EventLine {
  revision: number;
  eventId: string;
  type: string;
  /** The day in England it happened, as the user gave it. */
  occurredAt: string;
  /** When it was recorded, ISO-8601 UTC (as stored). */
  recordedAt: string;
  /** The same instant on the clock in England, with its offset (GMT or BST). */
  recordedAtLondon: string;
  actor: string;
  actorName: string | null;
  authority: string;
  correlationId: string;
  summary: string;
}

export function eventLine(recorded: RecordedEvent): EventLine {
  const event = toDomainEvent(recorded);
  const { metadata } = recorded;
  return {
    revision: recorded.revision,
    eventId: recorded.id,
    type: recorded.type,
    occurredAt: event.data.occurredAt,
    recordedAt: String(metadata.recordedAt),
    recordedAtLondon: londonIso(new Date(String(metadata.recordedAt))),
    actor: metadata.actor,
    actorName: typeof metadata.actorName === 'string' ? metadata.actorName : null,
    authority: metadata.authority,
    correlationId: metadata.correlationId,
    summary: summarise(event),
  };
}
