import type { AppendOptions, AppendResult, NewEvent } from '../port/event-store.port';

/** An append's result, and whether this call wrote it (false: an idempotent retry answered the original). */
export interface AppendOutcome extends AppendResult {
  written: boolean;
}

/**
 * An optional capability beside the port, for decorators that remember what they wrote (the hash
 * chain's tail cache): the same append as `appendToStream`, with the same rules and guarantees, that
 * also says whether it wrote the events given or answered an earlier write of the same ids.
 */
export interface ReportsWrites {
  appendReportingWrite(
    stream: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendOutcome>;
}

export function reportsWrites(store: object): store is ReportsWrites {
  return typeof (store as Partial<ReportsWrites>).appendReportingWrite === 'function';
}

/** An append's result as the port gives it: the outcome without `written`. */
export async function appendResultOf(outcome: Promise<AppendOutcome>): Promise<AppendResult> {
  const { nextRevision, position } = await outcome;
  return { nextRevision, position };
}
