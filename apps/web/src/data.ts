/**
 * Reads for the views. The projections service (GET /dashboard, /trusts/:id/timeline, /membership)
 * is preferred; where it is not deployed, the same figures are worked out from GET /trusts and
 * GET /trusts/:id, so the screens stay the same.
 */
import { get, optional } from './api';
import { addDays, daysBetween, londonToday } from './format';
import type {
  AttendanceRow,
  Milestone,
  PortfolioRow,
  Rag,
  Timeline,
  TimelineRow,
  TrustDocument,
} from './types';

interface Summary {
  trustId: string;
  authority: string;
  name: string;
  phase: string;
  keyIssuesOpen: string[];
  milestones: { overdue: number };
  nextDue: PortfolioRow['nextDue'];
  statutoryPartnersMissing: string[];
}

/** `minPosition`: the store position a live message named, so the projection has caught up with it. */
export async function loadPortfolio(minPosition?: number): Promise<PortfolioRow[]> {
  const fresh = minPosition === undefined ? '' : `?minPosition=${minPosition}`;
  const dashboard = await optional<{ trusts: PortfolioRow[] }>(`/dashboard${fresh}`).catch(() => null);
  if (dashboard) return dashboard.trusts;
  const { trusts } = await get<{ trusts: Summary[] }>('/trusts');
  return trusts.map((t) => ({
    trustId: t.trustId,
    authority: t.authority,
    name: t.name,
    phase: t.phase,
    rag: summaryRag(t),
    overdueMilestones: t.milestones.overdue,
    nextDue: t.nextDue,
    keyIssuesOpen: t.keyIssuesOpen,
    statutoryPartnersMissing: t.statutoryPartnersMissing,
  }));
}

function summaryRag(t: Summary): Rag {
  if (t.milestones.overdue > 0) return 'red';
  if (t.statutoryPartnersMissing.length > 0 || t.keyIssuesOpen.length > 0) return 'amber';
  return 'green';
}

export async function loadTimeline(doc: TrustDocument, asOf?: string): Promise<Timeline> {
  const served = asOf
    ? null
    : await optional<Timeline>(
        `/trusts/${enc(doc.trust.trustId)}/timeline?minRevision=${doc.revision}`,
      ).catch(() => null);
  return served ?? timelineFrom(doc, asOf ?? londonToday());
}

/** Slippage, RAG and the critical path, worked out from the trust's own milestones. */
export function timelineFrom(doc: TrustDocument, today: string): Timeline {
  const milestones = Object.values(doc.trust.milestones);
  const critical = criticalPath(milestones);
  const rows: TimelineRow[] = milestones.map((m) => {
    const slippageDays = daysBetween(m.baselineDue, m.completedOn ?? m.forecastDue);
    const overdue = !m.completedOn && m.forecastDue < today;
    const rag: Rag = overdue ? 'red' : slippageDays > 0 && !m.completedOn ? 'amber' : 'green';
    const ragReason = overdue
      ? `Overdue since ${m.forecastDue}`
      : rag === 'amber'
        ? `Forecast ${slippageDays} days after baseline`
        : m.completedOn
          ? 'Completed'
          : 'On track';
    return { ...m, slippageDays, rag, ragReason, critical: critical.includes(m.milestoneId) };
  });
  rows.sort(
    (a, b) => startOf(a, doc).localeCompare(startOf(b, doc)) || a.forecastDue.localeCompare(b.forecastDue),
  );
  return { trustId: doc.trust.trustId, today, milestones: rows, criticalPath: critical };
}

const endOf = (m: Milestone) => m.completedOn ?? m.forecastDue;

/** The chain of dependencies that ends at the latest milestone, latest predecessor first. */
export function criticalPath(milestones: Milestone[]): string[] {
  const byId = new Map(milestones.map((m) => [m.milestoneId, m]));
  let current = [...milestones].sort((a, b) => endOf(b).localeCompare(endOf(a)))[0];
  const path: string[] = [];
  while (current && !path.includes(current.milestoneId)) {
    path.unshift(current.milestoneId);
    const previous = current.dependsOn
      .map((id) => byId.get(id))
      .filter((m): m is Milestone => !!m)
      .sort((a, b) => endOf(b).localeCompare(endOf(a)))[0];
    current = previous as Milestone;
  }
  return path;
}

/** Where a milestone's bar starts: when its predecessors finish, or when it was scheduled. */
export function startOf(m: Milestone, doc: TrustDocument): string {
  const ends = m.dependsOn
    .map((id) => doc.trust.milestones[id])
    .filter((d): d is Milestone => !!d)
    .map(endOf)
    .sort();
  const fromDeps = ends[ends.length - 1];
  const end = endOf(m);
  const start = fromDeps ?? addDays(m.baselineDue < end ? m.baselineDue : end, -28);
  return start < end ? start : addDays(end, -14);
}

export async function loadAttendance(doc: TrustDocument): Promise<AttendanceRow[]> {
  const served = await optional<{ attendance: AttendanceRow[] }>(
    `/trusts/${enc(doc.trust.trustId)}/membership?minRevision=${doc.revision}`,
  ).catch(() => null);
  if (served) return served.attendance;
  const meetings = doc.trust.meetings;
  return doc.trust.members
    .filter((m) => !m.until)
    .map((m) => {
      const held = meetings.filter((x) => x.heldOn >= m.since);
      const attended = held.filter((x) => x.attendees.includes(m.memberId)).length;
      return {
        memberId: m.memberId,
        person: m.person,
        organisation: m.organisation,
        attended,
        of: held.length,
        minimumAttendance: m.minimumAttendance,
        belowMinimum:
          m.minimumAttendance !== null &&
          held.length >= m.minimumAttendance &&
          attended < m.minimumAttendance,
      };
    });
}

export const enc = encodeURIComponent;
