import { Controller, Inject, type MessageEvent, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { filter, interval, map, merge, type Observable } from 'rxjs';
import { AccessPolicy, CurrentPrincipal, type Principal } from '@trustworks/auth';
import { EVENT_STORE, type EventStore, type SubscriptionMessage } from '@trustworks/event-store';

const TRUST_STREAM = 'trust-';
const HEARTBEAT_MS = 25_000;

/** What an open page is told: which trust changed, to which revision, by what kind of event. */
export interface LiveMessage {
  trustId: string;
  revision: number;
  /** The store position: read models asked for `minPosition` of it are at least this fresh. */
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
    description: 'text/event-stream of { trustId, revision, position, type } as events land.',
  })
  live(@CurrentPrincipal() principal: Principal): Observable<MessageEvent> {
    const changes = this.store
      .subscribeToAll({ fromPosition: 'end', filter: { streamPrefixes: [TRUST_STREAM] } })
      .pipe(
        filter((m): m is Extract<SubscriptionMessage, { type: 'event' }> => m.type === 'event'),
        filter(({ event }) => AccessPolicy.canRead(principal, event.metadata.authority)),
        map(({ event }): MessageEvent => {
          const data: LiveMessage = {
            trustId: event.stream.slice(TRUST_STREAM.length),
            revision: event.revision,
            position: event.position,
            type: event.type,
          };
          return { type: 'trust-changed', id: String(event.position), data };
        }),
      );
    // Proxies close idle connections; a comment-like ping keeps the stream open.
    const heartbeat = interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ type: 'ping', data: {} })));
    return merge(changes, heartbeat);
  }
}
