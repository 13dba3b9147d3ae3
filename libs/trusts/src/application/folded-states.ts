import type { TrustState } from '@trustworks/trust-domain';

/** What an earlier command sent with an Idempotency-Key wrote: its events, in order. */
export interface KeyedWrite {
  revision: number;
  events: Array<{ id: string; type: string }>;
}

/** A trust's state folded from its stored stream up to `revision`, and the Idempotency-Keys it holds. */
export interface FoldedTrust {
  state: TrustState;
  revision: number;
  /** Idempotency keys (per actor) seen in the stream; events are the record, this is their index. */
  keyed: Map<string, KeyedWrite>;
}

const CACHE_LIMIT = 2000;

/**
 * The recently folded trusts of one event store, most recently used last. A throwaway cache (events
 * are the truth): every entry is exactly the fold of the stored stream up to its revision, so anyone
 * reading the same store (the repository, the read-model projector) may take a state from it instead
 * of folding the same events again. Keyed by the store object, so two apps in one process (tests)
 * never see each other's trusts.
 */
export class FoldedStates {
  private static readonly byStore = new WeakMap<object, FoldedStates>();
  private readonly trusts = new Map<string, FoldedTrust>();

  static of(store: object): FoldedStates {
    let states = FoldedStates.byStore.get(store);
    if (!states) {
      states = new FoldedStates();
      FoldedStates.byStore.set(store, states);
    }
    return states;
  }

  get(trustId: string): FoldedTrust | undefined {
    return this.trusts.get(trustId);
  }

  /** The state folded exactly up to `revision`, if it is held. */
  at(trustId: string, revision: number): TrustState | undefined {
    const folded = this.trusts.get(trustId);
    return folded?.revision === revision ? folded.state : undefined;
  }

  remember(trustId: string, folded: FoldedTrust): void {
    const held = this.trusts.get(trustId);
    // Never step back: a slower reader must not replace a later state with an earlier one.
    if (held !== undefined && held.revision > folded.revision) return;
    this.trusts.delete(trustId);
    this.trusts.set(trustId, folded);
    if (this.trusts.size > CACHE_LIMIT) this.trusts.delete(this.trusts.keys().next().value as string);
  }
}
