import { Controller, Inject, type MessageEvent, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { filter, interval, map, merge, type Observable } from 'rxjs';
import { AccessPolicy, CurrentPrincipal, type Principal } from '@trustworks/auth';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
  type SubscriptionMessage,
} from '@trustworks/event-store';
import {
  REMINDER_SETTINGS_STREAM_PREFIX,
  REMINDER_STREAM_PREFIX,
  type AboutReminder,
  type ReminderSettingsChangedData,
} from '@trustworks/reminders';
import { TRUST_STREAM_PREFIX, trustIdOf } from '@trustworks/trusts';

const HEARTBEAT_MS = 25_000;
const STREAMS = [TRUST_STREAM_PREFIX, REMINDER_STREAM_PREFIX, REMINDER_SETTINGS_STREAM_PREFIX];

/** What an open page is told: which trust changed, to which revision, by what kind of event. */
export interface LiveMessage {
  trustId: string;
  revision: number;
  /** The store position: read models asked for `minPosition` of it are at least this fresh. */
  position: number;
  type: string;
}

/** A reminder of a trust was issued, delivered, answered, or the trust's reminder settings changed. */
export interface LiveReminderMessage {
  trustId: string;
  /** The reminder's key; absent for a settings change. */
  key?: string;
  position: number;
  type: string;
}

/**
 * `GET /live`: server-sent events for open pages. It starts at 'end' with no checkpoint on purpose:
 * a page re-reads what it shows when it connects, so it needs only what lands afterwards, and a lost
 * message costs a stale screen, never a wrong record. Each caller hears only of trusts of the
 * authorities its token holds. EventSource cannot send headers, so the token comes as `?access_token=`.
 */
@ApiTags('live')
@ApiBearerAuth()
@Controller('live')
export class LiveController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Sse()
  @ApiOkResponse({
    description:
      'text/event-stream: `trust-changed` { trustId, revision, position, type } and `reminders-changed` { trustId, key, position, type } as events land.',
  })
  live(@CurrentPrincipal() principal: Principal): Observable<MessageEvent> {
    const changes = this.store
      .subscribeToAll({ fromPosition: 'end', filter: { streamPrefixes: STREAMS } })
      .pipe(
        filter((m): m is Extract<SubscriptionMessage, { type: 'event' }> => m.type === 'event'),
        filter(({ event }) => AccessPolicy.canRead(principal, event.metadata.authority)),
        map(({ event }) => messageOf(event)),
      );
    // Proxies close idle connections; a comment-like ping keeps the stream open.
    const heartbeat = interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ type: 'ping', data: {} })));
    return merge(changes, heartbeat);
  }
}

function messageOf(event: RecordedEvent): MessageEvent {
  if (event.stream.startsWith(TRUST_STREAM_PREFIX)) {
    const data: LiveMessage = {
      trustId: trustIdOf(event.stream),
      revision: event.revision,
      position: event.position,
      type: event.type,
    };
    return { type: 'trust-changed', id: String(event.position), data };
  }
  // A reminder's own event (its key and trust), or a settings change (the trust alone).
  const about = event.data as unknown as AboutReminder | ReminderSettingsChangedData;
  const data: LiveReminderMessage = {
    trustId: about.trustId,
    key: 'key' in about ? about.key : undefined,
    position: event.position,
    type: event.type,
  };
  return { type: 'reminders-changed', id: String(event.position), data };
}
