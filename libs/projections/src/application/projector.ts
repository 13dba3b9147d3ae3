import type { EventStore, Position, RecordedEvent } from '@trustworks/event-store';
import {
  attendanceOf,
  countOf,
  defaultLifecycleModel,
  evolve,
  initialState,
  type TrustState,
} from '@trustworks/trust-domain';
import { StateFold } from '@trustworks/trust-domain/decider/evolve';
import { toDomainEvent, trustIdOf, trustStream } from '@trustworks/trusts/application/trust-stream';
import { FoldedStates } from '@trustworks/trusts/application/folded-states';
import { lastDecision, meetingById, milestoneFactsOf, registerOf, summaryOf } from '../domain/trust-rows';
import type { DecisionRow, ProjectionDb } from '../store/projection-db';

/** The checkpoint the trust read models share: they are written together, so they move together. */
export const TRUST_READ_MODELS = 'trust-read-models';

interface Folded {
  /** The trust's state, folded in place between the batch's writes (see `StateFold`). */
  fold: StateFold;
  revision: number;
  eventsApplied: number;
  /** False while the trust is known to have no milestone rows (nothing to delete before inserting). */
  milestoneRows: boolean;
  /** What was last written, by identity: evolve never mutates, so an unchanged part is the same object. */
  written?: {
    milestones: unknown;
    members: unknown;
    meetings: unknown;
    lastOccurredOn: unknown;
    /** The register and attendance as last serialised. */
    json: { register: string; attendance: string };
  };
}

const CACHE_LIMIT = 5000;

/** See `Projector.batch`. */
export interface ProjectionBatch {
  /** The checkpoint when the batch began: a batch committed up to it or before changes nothing. */
  readonly checkpoint: Position | null;
  /** Folds one event (position order); a promise only when the trust's state must be loaded first. */
  add(event: RecordedEvent): Promise<void> | void;
  /**
   * Writes every changed trust, the new decisions and `upTo` as the checkpoint, in one transaction.
   * With `upTo` null the checkpoint stays where it was (a rebuild's partial batch, whose events are
   * not a prefix of the log); `marks` are other named positions written in the same transaction
   * (a number to set, null to delete).
   */
  commit(upTo: Position | null, marks?: Readonly<Record<string, number | null>>): void;
  abandon(): void;
}

/**
 * Folds trust events into the read models. Each batch, the rows it changes and the checkpoint after
 * it are committed in one SQLite transaction: a crash loses the whole batch or none of it, so on
 * restart no event is counted twice or skipped. The batch is folded in memory first (the domain is
 * pure), then each trust it touched is written once, with its new decisions and the checkpoint.
 * Per-trust states are kept in memory; one missing (after a restart) is rebuilt from the event store
 * up to the revision the projection has.
 */
export class Projector {
  private readonly folded = new Map<string, Folded>();
  private readonly listeners = new Set<(position: Position) => void>();

  private readonly shared: FoldedStates;

  constructor(
    private readonly store: EventStore,
    readonly db: ProjectionDb,
  ) {
    this.shared = FoldedStates.of(store);
  }

  position(): Position | null {
    return this.db.checkpoint(TRUST_READ_MODELS);
  }

  onCommit(listener: (position: Position) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies a batch (position order) and records `upTo` (≥ the last event's position) as the checkpoint. */
  async apply(events: readonly RecordedEvent[], upTo: Position): Promise<void> {
    const batch = this.batch();
    if (batch.checkpoint !== null && upTo <= batch.checkpoint) return;
    try {
      for (const event of events) {
        const loading = batch.add(event);
        if (loading) await loading;
      }
    } catch (error) {
      batch.abandon();
      throw error;
    }
    batch.commit(upTo);
  }

  /**
   * A batch filled one event at a time (as a catch-up reads them, so it need not hold them all) and
   * committed with its checkpoint in one transaction. Until then nothing is written; a batch that is
   * abandoned, or whose commit fails, forgets the states it advanced.
   */
  batch(): ProjectionBatch {
    const checkpoint = this.position();
    const dirty = new Set<string>();
    const decisions: DecisionRow[] = [];
    const abandon = () => {
      // The states in memory ran ahead of what was committed: forget them, reload next time.
      for (const trustId of dirty) this.folded.delete(trustId);
      dirty.clear();
      decisions.length = 0;
    };
    return {
      checkpoint,
      add: (event) => {
        const trustId = trustIdOf(event.stream);
        const folded = this.folded.get(trustId);
        if (folded) return this.fold(trustId, folded, event, dirty, decisions);
        return this.loadTrust(trustId, event, checkpoint).then((loaded) =>
          this.fold(trustId, loaded, event, dirty, decisions),
        );
      },
      abandon,
      commit: (upTo, marks = {}) => {
        try {
          this.db.transaction(() => {
            this.db.insertDecisions(decisions);
            for (const trustId of dirty) this.write(trustId);
            if (upTo !== null) this.db.setCheckpoint(TRUST_READ_MODELS, upTo);
            for (const [name, position] of Object.entries(marks)) {
              if (position === null) this.db.deleteCheckpoint(name);
              else this.db.setCheckpoint(name, position);
            }
          });
        } catch (error) {
          abandon();
          throw error;
        }
        dirty.clear();
        decisions.length = 0;
        this.trim();
        if (upTo !== null) for (const listener of this.listeners) listener(upTo);
      },
    };
  }

  /**
   * Lets go of the folded states it holds (they are loaded again when needed): a rebuild that has
   * committed every trust it has read needs none of them again.
   */
  forgetStates(): void {
    this.folded.clear();
  }

  /** Forgets every state and row: the next catch-up starts from the first event. */
  reset(): void {
    this.folded.clear();
    this.db.reset();
  }

  private async loadTrust(
    trustId: string,
    event: RecordedEvent,
    checkpoint: Position | null,
  ): Promise<Folded> {
    // A stream's first event past the checkpoint: nothing of this trust was projected, no row to read.
    const fresh = event.revision === 0 && (checkpoint === null || event.position > checkpoint);
    const folded = fresh ? newTrust() : await this.load(trustId);
    const held = this.folded.get(trustId);
    if (held) return held;
    this.folded.set(trustId, folded);
    return folded;
  }

  private async load(trustId: string): Promise<Folded> {
    const row = this.db.trust(trustId);
    if (row === null) return newTrust();
    let state = initialState();
    const options = { maxCount: row.revision + 1 };
    for await (const recorded of this.store.readStream(trustStream(trustId), options)) {
      state = evolve(state, toDomainEvent(recorded));
    }
    return {
      fold: foldOf(state),
      revision: row.revision,
      eventsApplied: row.eventsApplied,
      milestoneRows: true,
    };
  }

  private fold(
    trustId: string,
    folded: Folded,
    event: RecordedEvent,
    dirty: Set<string>,
    decisions: DecisionRow[],
  ): void {
    if (event.revision <= folded.revision) return;
    const before = folded.fold.peek().decisions;
    // The command path may already hold this very state (it folded the events it appended).
    const shared = this.shared.at(trustId, event.revision);
    if (shared) folded.fold = foldOf(shared);
    else folded.fold.apply(toDomainEvent(event));
    folded.revision = event.revision;
    folded.eventsApplied += 1;
    dirty.add(trustId);
    // The log of decisions is replaced whenever one is appended, and only then.
    const state = folded.fold.peek();
    if (state.decisions !== before && countOf(state.decisions) > countOf(before)) {
      const row = decisionRow(trustId, state, event);
      if (row) decisions.push(row);
    }
  }

  private write(trustId: string): void {
    const folded = this.folded.get(trustId) as Folded;
    const state = folded.fold.state();
    if (state.phase === 'not-proposed') return;
    const written = folded.written;
    if (written?.milestones !== state.milestones) {
      const milestones = milestoneFactsOf(state);
      if (milestones.length > 0 || folded.milestoneRows) {
        this.db.replaceMilestones(trustId, milestones, folded.milestoneRows);
      }
      folded.milestoneRows = milestones.length > 0;
    }
    const same =
      written !== undefined &&
      written.members === state.members &&
      written.meetings === state.meetings &&
      written.lastOccurredOn === state.lastOccurredOn;
    const json = same
      ? written.json
      : { register: JSON.stringify(registerOf(state)), attendance: JSON.stringify(attendanceOf(state)) };
    this.db.upsertTrust({
      ...summaryOf(state),
      trustId,
      revision: folded.revision,
      eventsApplied: folded.eventsApplied,
      ...json,
    });
    folded.written = {
      milestones: state.milestones,
      members: state.members,
      meetings: state.meetings,
      lastOccurredOn: state.lastOccurredOn,
      json,
    };
  }

  private trim(): void {
    while (this.folded.size > CACHE_LIMIT) this.folded.delete(this.folded.keys().next().value as string);
  }
}

function newTrust(): Folded {
  return { fold: foldOf(initialState()), revision: -1, eventsApplied: 0, milestoneRows: false };
}

/** Folds as `evolve` does (the default lifecycle model). */
function foldOf(state: TrustState): StateFold {
  return new StateFold(defaultLifecycleModel, state);
}

/** The decisions row for the decision `event` just recorded (the last one in the state). */
function decisionRow(
  trustId: string,
  state: Readonly<TrustState>,
  event: RecordedEvent,
): DecisionRow | undefined {
  const decision = lastDecision(state);
  if (decision === undefined) return undefined;
  const meeting = decision.meetingId === null ? undefined : meetingById(state, decision.meetingId);
  return {
    trustId,
    seq: countOf(state.decisions) - 1,
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
  };
}
