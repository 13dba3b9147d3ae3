import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@trustworks/event-store';
import { evolve, initialState, type TrustState } from '@trustworks/trust-domain';
import { toDomainEvent, trustStream } from './trust-stream';

export interface LoadedTrust {
  trustId: string;
  state: TrustState;
  /** The stream's last revision, or null when the trust does not exist. */
  revision: number | null;
}

const CACHE_LIMIT = 2000;

/**
 * Rebuilds a trust by folding its stream through the lifecycle. The last state of recently used
 * trusts is cached (a throwaway cache: events are the truth), so a command reads only the events
 * appended since; the state objects `evolve` returns are never mutated, so sharing them is safe.
 */
@Injectable()
export class TrustRepository {
  private readonly cache = new Map<string, { state: TrustState; revision: number }>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(trustId: string): Promise<LoadedTrust> {
    const cached = this.cache.get(trustId);
    let state = cached?.state ?? initialState();
    let revision: number | null = cached?.revision ?? null;
    const from = revision === null ? 0 : revision + 1;
    for await (const recorded of this.store.readStream(trustStream(trustId), { fromRevision: from })) {
      state = evolve(state, toDomainEvent(recorded));
      revision = recorded.revision;
    }
    if (revision !== null) this.remember(trustId, state, revision);
    return { trustId, state, revision };
  }

  /** The trust's raw history, for replay and audit (no cache: every read goes to the store). */
  async *history(trustId: string, options: { toRevision?: number } = {}): AsyncIterable<RecordedEvent> {
    for await (const recorded of this.store.readStream(trustStream(trustId))) {
      if (options.toRevision !== undefined && recorded.revision > options.toRevision) return;
      yield recorded;
    }
  }

  private remember(trustId: string, state: TrustState, revision: number): void {
    this.cache.delete(trustId);
    this.cache.set(trustId, { state, revision });
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
  }
}
