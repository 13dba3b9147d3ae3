import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@trustworks/event-store';
import { evolve, initialState, type TrustState } from '@trustworks/trust-domain';
import { toDomainEvent, trustStream } from './trust-stream';

/** What an earlier command sent with an Idempotency-Key wrote: its events, in order. */
export interface KeyedWrite {
  revision: number;
  events: Array<{ id: string; type: string }>;
}

export interface LoadedTrust {
  trustId: string;
  state: TrustState;
  /** The stream's last revision, or null when the trust does not exist. */
  revision: number | null;
  /** The write an actor made with an Idempotency-Key, if the stream holds one. */
  keyedWrite(actor: string, key: string): KeyedWrite | undefined;
}

interface Folded {
  state: TrustState;
  revision: number;
  /** Idempotency keys (per actor) seen in the stream; events are the record, this is their index. */
  keyed: Map<string, KeyedWrite>;
}

const CACHE_LIMIT = 2000;

/**
 * Rebuilds a trust by folding its stream through the lifecycle. The last state of recently used
 * trusts is cached (a throwaway cache: events are the truth), so a command reads only the events
 * appended since; the state objects `evolve` returns are never mutated, so sharing them is safe.
 * The same single read indexes the Idempotency-Keys the events carry, so a retried command is
 * recognised without reading the stream again.
 */
@Injectable()
export class TrustRepository {
  private readonly cache = new Map<string, Folded>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(trustId: string): Promise<LoadedTrust> {
    const cached = this.cache.get(trustId);
    let state = cached?.state ?? initialState();
    let revision: number | null = cached?.revision ?? null;
    const keyed = new Map(cached?.keyed);
    for await (const recorded of this.store.readStream(trustStream(trustId), {
      fromRevision: revision === null ? 0 : revision + 1,
    })) {
      state = evolve(state, toDomainEvent(recorded));
      revision = recorded.revision;
      indexKey(keyed, recorded);
    }
    if (revision !== null) this.remember(trustId, { state, revision, keyed });
    return {
      trustId,
      state,
      revision,
      keyedWrite: (actor, key) => keyed.get(keyOf(actor, key)),
    };
  }

  private remember(trustId: string, folded: Folded): void {
    this.cache.delete(trustId);
    this.cache.set(trustId, folded);
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
  }
}

const keyOf = (actor: string, key: string) => `${actor}\u0000${key}`;

function indexKey(keyed: Map<string, KeyedWrite>, recorded: RecordedEvent): void {
  const key = recorded.metadata.idempotencyKey;
  if (typeof key !== 'string') return;
  const id = keyOf(String(recorded.metadata.actor), key);
  const earlier = keyed.get(id);
  const events = [...(earlier?.events ?? []), { id: recorded.id, type: recorded.type }];
  keyed.set(id, { revision: recorded.revision, events });
}
