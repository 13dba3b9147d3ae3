import type { EventStore, Position, RecordedEvent } from '@trustworks/event-store';
import { evolve, initialState, type TrustState } from '@trustworks/trust-domain';
import { toDomainEvent, trustIdOf, trustStream } from '@trustworks/trusts';
import {
  attendanceOf,
  decisionCount,
  lastDecision,
  meetingById,
  milestoneFactsOf,
  registerOf,
  summaryOf,
} from '../domain/trust-rows';
import type { ProjectionDb } from '../store/projection-db';

/** The checkpoint the trust read models share: they are written together, so they move together. */
export const TRUST_READ_MODELS = 'trust-read-models';

interface Folded {
  state: TrustState;
  revision: number;
  eventsApplied: number;
  /** What was last written, by identity: evolve never mutates, so an unchanged part is the same object. */
  written?: {
    milestones: unknown;
    members: unknown;
    meetings: unknown;
    lastOccurredOn: unknown;
    json: unknown[];
  };
}

const CACHE_LIMIT = 5000;

/**
 * Folds trust events into the read models. Each batch, the rows it changes and the checkpoint after
 * it are committed in one SQLite transaction: a crash loses the whole batch or none of it, so on
 * restart no event is counted twice or skipped. Per-trust states are kept in memory; one missing
 * (after a restart) is rebuilt from the event store up to the revision the projection has.
 */
export class Projector {
  private readonly folded = new Map<string, Folded>();
  private readonly listeners = new Set<(position: Position) => void>();

  constructor(
    private readonly store: EventStore,
    readonly db: ProjectionDb,
  ) {}

  position(): Position | null {
    return this.db.checkpoint(TRUST_READ_MODELS);
  }

  onCommit(listener: (position: Position) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies a batch (position order) and records `upTo` (≥ the last event's position) as the checkpoint. */
  async apply(events: readonly RecordedEvent[], upTo: Position): Promise<void> {
    const current = this.position();
    if (current !== null && upTo <= current) return;
    for (const trustId of new Set(events.map((e) => trustIdOf(e.stream)))) {
      if (!this.folded.has(trustId)) this.folded.set(trustId, await this.load(trustId));
    }
    const dirty = new Set<string>();
    try {
      this.db.transaction(() => {
        for (const event of events) this.fold(event, dirty);
        for (const trustId of dirty) this.write(trustId);
        this.db.setCheckpoint(TRUST_READ_MODELS, upTo);
      });
    } catch (error) {
      // The states in memory ran ahead of what was committed: forget them, reload next time.
      for (const trustId of dirty) this.folded.delete(trustId);
      throw error;
    }
    this.trim();
    for (const listener of this.listeners) listener(upTo);
  }

  /** Forgets every state and row: the next catch-up starts from the first event. */
  reset(): void {
    this.folded.clear();
    this.db.reset();
  }

  private async load(trustId: string): Promise<Folded> {
    const row = this.db.trust(trustId);
    if (row === null) return { state: initialState(), revision: -1, eventsApplied: 0 };
    let state = initialState();
    const options = { maxCount: row.revision + 1 };
    for await (const recorded of this.store.readStream(trustStream(trustId), options)) {
      state = evolve(state, toDomainEvent(recorded));
    }
    return { state, revision: row.revision, eventsApplied: row.eventsApplied };
  }

  private fold(event: RecordedEvent, dirty: Set<string>): void {
    const trustId = trustIdOf(event.stream);
    const folded = this.folded.get(trustId) as Folded;
    if (event.revision <= folded.revision) return;
    const before = decisionCount(folded.state);
    folded.state = evolve(folded.state, toDomainEvent(event));
    folded.revision = event.revision;
    folded.eventsApplied += 1;
    if (decisionCount(folded.state) > before) this.recordDecision(trustId, folded, event);
    dirty.add(trustId);
  }

  private recordDecision(trustId: string, folded: Folded, event: RecordedEvent): void {
    const decision = lastDecision(folded.state);
    if (decision === undefined) return;
    const meeting = decision.meetingId === null ? undefined : meetingById(folded.state, decision.meetingId);
    this.db.insertDecision({
      trustId,
      seq: decisionCount(folded.state) - 1,
      decisionId: decision.decisionId,
      title: decision.title,
      tier: decision.tier,
      leadAgency: decision.leadAgency,
      rationale: decision.rationale,
      meetingId: decision.meetingId,
      meetingBody: meeting?.body ?? null,
      meetingHeldOn: meeting?.heldOn ?? null,
      decidedOn: decision.decidedOn,
      effectiveFrom: decision.effectiveFrom,
      recordedBy: String(event.metadata.actorName ?? event.metadata.actor),
      recordedAt: String(event.metadata.recordedAt),
      revision: event.revision,
    });
  }

  private write(trustId: string): void {
    const folded = this.folded.get(trustId) as Folded;
    const { state } = folded;
    if (state.phase === 'not-proposed') return;
    const written = folded.written;
    if (written?.milestones !== state.milestones) this.db.replaceMilestones(trustId, milestoneFactsOf(state));
    const same =
      written !== undefined &&
      written.members === state.members &&
      written.meetings === state.meetings &&
      written.lastOccurredOn === state.lastOccurredOn;
    const [register, attendance] = same ? written.json : [registerOf(state), attendanceOf(state)];
    this.db.upsertTrust({
      ...summaryOf(state),
      trustId,
      revision: folded.revision,
      eventsApplied: folded.eventsApplied,
      register: register as unknown[],
      attendance: attendance as ReturnType<typeof attendanceOf>,
    });
    folded.written = {
      milestones: state.milestones,
      members: state.members,
      meetings: state.meetings,
      lastOccurredOn: state.lastOccurredOn,
      json: [register, attendance],
    };
  }

  private trim(): void {
    while (this.folded.size > CACHE_LIMIT) this.folded.delete(this.folded.keys().next().value as string);
  }
}
