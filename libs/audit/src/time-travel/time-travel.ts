import type { EventStore, RecordedEvent } from '@trustworks/event-store';
import { evolve, initialState, type TrustEvent, type TrustState } from '@trustworks/trust-domain';
import { toDomainEvent, trustStream } from '@trustworks/trusts';
import { recordedAtOf, replayUntil, type Cut, type Replayed } from './as-of';

interface CachedStream {
  events: RecordedEvent[];
  domain: TrustEvent[];
  recordedAt: number[];
  /** snapshots[k]: the state after the first k × SNAPSHOT_EVERY events (snapshots[0] is the initial state). */
  snapshots: TrustState[];
}

const SNAPSHOT_EVERY = 250;
const STREAMS_KEPT = 16;

/**
 * Replays a trust to a cut, reusing earlier work on the same stream. Streams only grow and events
 * never change, so what was read and folded stays true: each call reads only the events appended
 * since, and a replay to revision R starts from the nearest snapshot below R instead of from zero.
 * The cache is a cache: dropping it changes no answer (the specs compare with a plain fold).
 */
export class TimeTravel {
  private readonly streams = new Map<string, CachedStream>();

  constructor(private readonly store: EventStore) {}

  async replay(trustId: string, cut: Cut): Promise<Replayed> {
    const cached = await this.load(trustId);
    const prefixEnd = prefixEndOf(cached, cut);
    // The 'occurred' view, or a record whose clock ran backwards, is not a prefix: fold it plainly.
    if (prefixEnd === undefined) return replayUntil(cached.events, cut);
    return this.foldPrefix(cached, prefixEnd);
  }

  private foldPrefix(cached: CachedStream, count: number): Replayed {
    if (count === 0) return { state: initialState(), revision: null, eventsIncluded: 0 };
    const k = Math.floor(count / SNAPSHOT_EVERY);
    this.extendSnapshots(cached, k);
    let state = cached.snapshots[k];
    for (let i = k * SNAPSHOT_EVERY; i < count; i += 1) state = evolve(state, cached.domain[i]);
    return { state, revision: cached.events[count - 1].revision, eventsIncluded: count };
  }

  private extendSnapshots(cached: CachedStream, upTo: number): void {
    for (let k = cached.snapshots.length; k <= upTo; k += 1) {
      let state = cached.snapshots[k - 1];
      for (let i = (k - 1) * SNAPSHOT_EVERY; i < k * SNAPSHOT_EVERY; i += 1)
        state = evolve(state, cached.domain[i]);
      cached.snapshots.push(state);
    }
  }

  private async load(trustId: string): Promise<CachedStream> {
    const cached = this.streams.get(trustId) ?? {
      events: [],
      domain: [],
      recordedAt: [],
      snapshots: [initialState()],
    };
    for await (const event of this.store.readStream(trustStream(trustId), {
      fromRevision: cached.events.length,
    })) {
      cached.events.push(event);
      cached.domain.push(toDomainEvent(event));
      cached.recordedAt.push(recordedAtOf(event));
    }
    this.streams.delete(trustId);
    this.streams.set(trustId, cached);
    if (this.streams.size > STREAMS_KEPT) this.streams.delete(this.streams.keys().next().value as string);
    return cached;
  }
}

/** How many leading events the cut includes, when what it includes is exactly a leading run. */
function prefixEndOf(cached: CachedStream, cut: Cut): number | undefined {
  const total = cached.events.length;
  if (cut.basis === 'revision') return Math.max(0, Math.min(total, cut.upTo + 1));
  if (cut.basis !== 'recorded') return undefined;
  const before = cut.before.getTime();
  let end = 0;
  while (end < total && cached.recordedAt[end] < before) end += 1;
  for (let i = end; i < total; i += 1) if (cached.recordedAt[i] < before) return undefined;
  return end;
}
