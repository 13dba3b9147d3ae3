/**
 * The programme timeline of one trust as seen on `today` (a day in England, from the injected
 * clock): RAG, slippage and the critical path. Pure: the milestones come from the projection, which
 * copies them from the domain's record; nothing here decides what completes a milestone.
 */
import { addDays, type CalendarDate } from '@trustworks/trust-domain';

export type Rag = 'red' | 'amber' | 'green';

export interface MilestoneFacts {
  milestoneId: string;
  title: string;
  owner: string;
  phase: string | null;
  gate: string | null;
  baselineDue: CalendarDate;
  forecastDue: CalendarDate;
  completedOn: CalendarDate | null;
  dependsOn: string[];
}

export interface TimelineMilestone extends MilestoneFacts {
  slippageDays: number;
  rag: Rag;
  ragReason: string;
  critical: boolean;
}

export interface RagThresholds {
  /** Amber when an open milestone falls due within this many days (inclusive). */
  amberWithinDays: number;
}

export const DEFAULT_THRESHOLDS: RagThresholds = { amberWithinDays: 14 };

export interface Timeline {
  milestones: TimelineMilestone[];
  criticalPath: string[];
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** When it finished, or when it can finish at the earliest: an open milestone cannot finish before today. */
export function finishOf(m: MilestoneFacts, today: CalendarDate): CalendarDate {
  if (m.completedOn !== null) return m.completedOn;
  return m.forecastDue < today ? today : m.forecastDue;
}

/** Days late against the baseline (negative when early): actual, or forecast, or today if overdue. */
export function slippageOf(m: MilestoneFacts, today: CalendarDate): number {
  return daysBetween(m.baselineDue, finishOf(m, today));
}

function isOverdue(m: MilestoneFacts, today: CalendarDate): boolean {
  return m.completedOn === null && m.forecastDue < today;
}

/** A dependency is late for `m` when it is still open and overdue, or forecast to finish after `m` is due. */
function lateDependencies(
  m: MilestoneFacts,
  byId: Map<string, MilestoneFacts>,
  today: CalendarDate,
): string[] {
  return m.dependsOn.filter((id) => {
    const dep = byId.get(id);
    if (dep === undefined || dep.completedOn !== null) return false;
    return isOverdue(dep, today) || finishOf(dep, today) > m.forecastDue;
  });
}

export function ragOf(
  m: MilestoneFacts,
  byId: Map<string, MilestoneFacts>,
  today: CalendarDate,
  thresholds: RagThresholds,
): { rag: Rag; ragReason: string } {
  if (m.completedOn !== null) {
    const late = daysBetween(m.baselineDue, m.completedOn);
    return { rag: 'green', ragReason: late > 0 ? `completed ${late} days after baseline` : 'completed' };
  }
  if (isOverdue(m, today)) return { rag: 'red', ragReason: `overdue since ${m.forecastDue}` };
  const late = lateDependencies(m, byId, today);
  if (late.length > 0) return { rag: 'red', ragReason: `dependency late: ${late.join(', ')}` };
  if (m.forecastDue <= addDays(today, thresholds.amberWithinDays)) {
    return { rag: 'amber', ragReason: `due within ${thresholds.amberWithinDays} days (${m.forecastDue})` };
  }
  if (m.forecastDue > m.baselineDue) {
    return { rag: 'amber', ragReason: `forecast ${m.forecastDue} is past baseline ${m.baselineDue}` };
  }
  return { rag: 'green', ragReason: 'on track' };
}

/**
 * The chain of dependencies that sets the programme's end: from the milestone that finishes last,
 * back through the dependency that finishes last at each step (ties by id, so the answer is stable).
 */
export function criticalPathOf(milestones: MilestoneFacts[], today: CalendarDate): string[] {
  const byId = new Map(milestones.map((m) => [m.milestoneId, m]));
  const latest = (ids: string[]) =>
    ids
      .map((id) => byId.get(id))
      .filter((m): m is MilestoneFacts => m !== undefined)
      .sort((a, b) => cmp(finishOf(b, today), finishOf(a, today)) || cmp(a.milestoneId, b.milestoneId))[0];
  const path: string[] = [];
  const seen = new Set<string>();
  for (
    let m = latest([...byId.keys()]);
    m !== undefined && !seen.has(m.milestoneId);
    m = latest(m.dependsOn)
  ) {
    seen.add(m.milestoneId);
    path.unshift(m.milestoneId);
  }
  return path;
}

export function timelineOf(
  milestones: MilestoneFacts[],
  today: CalendarDate,
  thresholds = DEFAULT_THRESHOLDS,
): Timeline {
  const byId = new Map(milestones.map((m) => [m.milestoneId, m]));
  const criticalPath = criticalPathOf(milestones, today);
  const critical = new Set(criticalPath);
  const sorted = [...milestones].sort(
    (a, b) => cmp(a.baselineDue, b.baselineDue) || cmp(a.milestoneId, b.milestoneId),
  );
  return {
    criticalPath,
    milestones: sorted.map((m) => ({
      ...m,
      slippageDays: slippageOf(m, today),
      ...ragOf(m, byId, today, thresholds),
      critical: critical.has(m.milestoneId),
    })),
  };
}

/** Red beats amber beats green: a trust is as bad as its worst milestone. */
export function worstRag(rags: Rag[]): Rag {
  return rags.includes('red') ? 'red' : rags.includes('amber') ? 'amber' : 'green';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
