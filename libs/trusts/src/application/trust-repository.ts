import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type NewEvent, type RecordedEvent } from '@trustworks/event-store';
import { evolve, initialState, type TrustState } from '@trustworks/trust-domain';
import { FoldedStates, type KeyedWrite } from './folded-states';
import { toDomainEvent, trustStream } from './trust-stream';

export type { KeyedWrite } from './folded-states';

export interface LoadedTrust {
  trustId: string;
  state: TrustState;
  /** The stream's last revision, or null when the trust does not exist. */
  revision: number | null;
  /** The write an actor made with an Idempotency-Key, if the stream holds one. */
  keyedWrite(actor: string, key: string): KeyedWrite | undefined;
}

/** A loaded trust and the Idempotency-Key index it was folded with. */
interface Loaded extends LoadedTrust {
  readonly keyed: ReadonlyMap<string, KeyedWrite> | undefined;
}

/**
 * Rebuilds a trust by folding its stream through the lifecycle. The last state of recently used
 * trusts is cached (a throwaway cache: events are the truth, see `FoldedStates`), so a command reads
 * only the events appended since; the state objects `evolve` returns are never mutated, so sharing
 * them is safe. The same single read indexes the Idempotency-Keys the events carry, so a retried
 * command is recognised without reading the stream again.
 */
@Injectable()
export class TrustRepository {
  private readonly cache: FoldedStates;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.cache = FoldedStates.of(store);
  }

  /**
   * A trust whose id the caller has just minted (a random UUID): it cannot have a stream yet, so
   * there is nothing to read. The append that follows expects no stream, so were it ever wrong the
   * append is refused and the command decided again on a real load.
   */
  minted(trustId: string): LoadedTrust {
    return loaded(trustId, initialState(), null, undefined);
  }

  /**
   * The trust folded at least up to `revision` (known to be stored): the remembered state when it is
   * that recent, otherwise read up to the head. For readers that follow the stream (the reminders),
   * which learn of any later event when it arrives.
   */
  async loadSince(trustId: string, revision: number): Promise<LoadedTrust> {
    const cached = this.cache.get(trustId);
    if (cached !== undefined && cached.revision >= revision) {
      return loaded(trustId, cached.state, cached.revision, cached.keyed);
    }
    return this.load(trustId);
  }

  async load(trustId: string): Promise<LoadedTrust> {
    const cached = this.cache.get(trustId);
    let state = cached?.state ?? initialState();
    let revision: number | null = cached?.revision ?? null;
    const keys = new KeyIndex(cached?.keyed);
    for await (const recorded of this.store.readStream(trustStream(trustId), {
      fromRevision: revision === null ? 0 : revision + 1,
    })) {
      state = evolve(state, toDomainEvent(recorded));
      revision = recorded.revision;
      keys.add(recorded);
    }
    if (revision !== null) this.cache.remember(trustId, { state, revision, keyed: keys.map });
    return loaded(trustId, state, revision, keys.map);
  }

  /**
   * After `events` were appended to `trust` (as loaded) and written at the revisions right after it,
   * the last at `lastRevision`: folds them as they will be read back, so the next reader of the trust
   * (the next command, the read-model projector) need not fold them again.
   */
  appended(trust: LoadedTrust, events: readonly NewEvent[], lastRevision: number): void {
    const first = (trust.revision ?? -1) + 1;
    if (lastRevision !== first + events.length - 1) return;
    let state = trust.state;
    const keys = new KeyIndex((trust as Partial<Loaded>).keyed);
    events.forEach((event, i) => {
      // The stored form: the data through JSON, as `readStream` gives it back.
      const data: unknown = JSON.parse(JSON.stringify(event.data));
      const recorded = {
        ...event,
        data,
        stream: trustStream(trust.trustId),
        revision: first + i,
        position: 0,
      };
      state = evolve(state, toDomainEvent(recorded));
      keys.add(recorded);
    });
    this.cache.remember(trust.trustId, { state, revision: lastRevision, keyed: keys.map });
  }
}

function loaded(
  trustId: string,
  state: TrustState,
  revision: number | null,
  keyed: ReadonlyMap<string, KeyedWrite> | undefined,
): Loaded {
  return { trustId, state, revision, keyed, keyedWrite: (actor, key) => keyed?.get(keyOf(actor, key)) };
}

const keyOf = (actor: string, key: string) => `${actor}\u0000${key}`;

/** An Idempotency-Key index extended by events: copied on the first key, as a cached one is shared. */
class KeyIndex {
  private owned = false;

  constructor(private current: ReadonlyMap<string, KeyedWrite> | undefined) {}

  get map(): Map<string, KeyedWrite> {
    return (this.current ?? new Map()) as Map<string, KeyedWrite>;
  }

  add(recorded: RecordedEvent): void {
    const key = recorded.metadata.idempotencyKey;
    if (typeof key !== 'string') return;
    const map = this.owned ? (this.current as Map<string, KeyedWrite>) : new Map(this.current);
    this.owned = true;
    this.current = map;
    const id = keyOf(String(recorded.metadata.actor), key);
    const earlier = map.get(id);
    map.set(id, {
      revision: recorded.revision,
      events: [...(earlier?.events ?? []), { id: recorded.id, type: recorded.type }],
    });
  }
}
