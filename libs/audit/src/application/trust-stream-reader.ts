import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@trustworks/event-store';
import { AccessPolicy, type Principal } from '@trustworks/auth';
import { ApiError } from '@trustworks/platform';
import { trustStream } from '@trustworks/trusts';

/** Reads one trust's raw stream for the audit views, after checking the caller may see the trust. */
@Injectable()
export class TrustStreamReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** 404 for a trust that does not exist or belongs to an authority the caller may not read. */
  async authorise(trustId: string, principal: Principal): Promise<void> {
    let authority: string | undefined;
    for await (const first of this.store.readStream(trustStream(trustId), { maxCount: 1 })) {
      authority = (first.data as { authority?: string }).authority;
    }
    if (authority === undefined) throw ApiError.notFound('trust', trustId);
    AccessPolicy.assertRead(principal, authority, trustId);
  }

  async all(trustId: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const event of this.store.readStream(trustStream(trustId))) events.push(event);
    return events;
  }

  stream(trustId: string): AsyncIterable<RecordedEvent> {
    return this.store.readStream(trustStream(trustId));
  }

  async page(trustId: string, fromRevision: number, count: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    const options = { fromRevision, maxCount: count };
    for await (const event of this.store.readStream(trustStream(trustId), options)) events.push(event);
    return events;
  }

  /** The stream's last revision, or null for no stream. */
  async lastRevision(trustId: string): Promise<number | null> {
    const options = { direction: 'backwards' as const, maxCount: 1 };
    for await (const last of this.store.readStream(trustStream(trustId), options)) return last.revision;
    return null;
  }
}
