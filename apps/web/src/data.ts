/**
 * Reads for the views. Every figure (RAG, slippage, critical path, attendance) comes from the API's
 * read models, which apply the one set of rules; the page only lays them out.
 */
import { get } from './api';
import { addDays } from './format';
import type {
  AttendanceRow,
  Decision,
  Meeting,
  Milestone,
  PortfolioRow,
  Timeline,
  TrustDocument,
  TrustRecords,
} from './types';

export const enc = encodeURIComponent;

/** `minPosition`: the store position a live message named, so the projection has caught up with it. */
export async function loadPortfolio(minPosition?: number): Promise<PortfolioRow[]> {
  const fresh = minPosition === undefined ? '' : `?minPosition=${minPosition}`;
  return (await get<{ trusts: PortfolioRow[] }>(`/dashboard${fresh}`)).trusts;
}

export async function loadTimeline(doc: TrustDocument): Promise<Timeline> {
  return get<Timeline>(`/trusts/${enc(doc.trust.trustId)}/timeline?minRevision=${doc.revision}`);
}

export async function loadAttendance(doc: TrustDocument): Promise<AttendanceRow[]> {
  const path = `/trusts/${enc(doc.trust.trustId)}/membership?minRevision=${doc.revision}`;
  return (await get<{ attendance: AttendanceRow[] }>(path)).attendance;
}

/** How many meetings the trust page lists: the most recently recorded. */
const MEETINGS_SHOWN = 100;

/** The meetings and the decision log, which the trust itself only counts. */
export async function loadRecords(doc: TrustDocument): Promise<TrustRecords> {
  const id = enc(doc.trust.trustId);
  const [page, log] = await Promise.all([
    get<{ meetings: Meeting[] }>(`/trusts/${id}/meetings?pageSize=${MEETINGS_SHOWN}`),
    get<{ decisions: Decision[] }>(`/trusts/${id}/decisions?minRevision=${doc.revision}`),
  ]);
  return { meetings: page.meetings, decisions: log.decisions };
}

const endOf = (m: Milestone) => m.completedOn ?? m.forecastDue;

/** Where a milestone's bar starts on the chart: when its predecessors finish, or a little before it ends. */
export function startOf(m: Milestone, milestones: readonly Milestone[]): string {
  const ends = m.dependsOn
    .map((id) => milestones.find((d) => d.milestoneId === id))
    .filter((d): d is Milestone => !!d)
    .map(endOf)
    .sort();
  const fromDeps = ends[ends.length - 1];
  const end = endOf(m);
  const start = fromDeps ?? addDays(m.baselineDue < end ? m.baselineDue : end, -28);
  return start < end ? start : addDays(end, -14);
}
