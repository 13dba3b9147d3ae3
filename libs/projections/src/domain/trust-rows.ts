/**
 * What the projection stores for a trust, derived from the domain's TrustState (never from the
 * events directly): the domain decides what a milestone's forecast is or who is a member.
 */
import {
  DEFAULT_STATUTORY_RULES,
  KEY_ISSUES,
  activeMembers,
  addDays,
  entriesOf,
  membershipRegister,
  missingStatutoryPartners,
  type AppendLog,
  type CalendarDate,
  type DecisionRecord,
  type MeetingRecord,
  type TrustState,
} from '@trustworks/trust-domain';
import type { MilestoneFacts } from './timeline';

export interface TrustSummaryRow {
  trustId: string;
  authority: string;
  name: string;
  phase: string;
  keyIssuesOpen: string[];
  statutoryPartnersMissing: string[];
}

export interface AttendanceRow {
  memberId: string;
  person: string;
  organisation: string;
  attended: number;
  of: number;
  minimumAttendance: number | null;
  belowMinimum: boolean;
}

export function summaryOf(state: TrustState): TrustSummaryRow {
  const missing =
    state.lastOccurredOn === null
      ? { categories: [], districtCouncils: [] }
      : missingStatutoryPartners(DEFAULT_STATUTORY_RULES, state, state.lastOccurredOn);
  return {
    trustId: state.trustId,
    authority: state.authority,
    name: state.name,
    phase: state.phase,
    keyIssuesOpen: KEY_ISSUES.filter((k) => state.keyIssues[k].status !== 'agreed'),
    statutoryPartnersMissing: [
      ...missing.categories.map((c) => c.category),
      ...missing.districtCouncils.map((d) => `district-council:${d}`),
    ],
  };
}

export function milestoneFactsOf(state: TrustState): MilestoneFacts[] {
  return Object.values(state.milestones).map((m) => ({
    milestoneId: m.milestoneId,
    title: m.title,
    owner: m.owner,
    phase: m.phase ?? null,
    gate: m.gate ?? null,
    baselineDue: m.baselineDue,
    forecastDue: m.forecastDue,
    completedOn: m.completedOn,
    dependsOn: [...m.dependsOn],
  }));
}

export function registerOf(state: TrustState) {
  return membershipRegister(state);
}

/**
 * Attendance over the year that ends with the trust's latest meeting: for each current member, the
 * meetings held in that year since they joined, and how many they attended. Below minimum means
 * fewer than their committed minimum (or than the meetings held, when fewer were held).
 */
export function attendanceOf(state: TrustState): AttendanceRow[] {
  // States are never mutated, so the same meetings, members and last date give the same answer:
  // the projector and the reminders ask for it on every event, most of which change none of them.
  const known = attendanceMemo.get(state.meetings);
  if (
    known !== undefined &&
    known.members === state.members &&
    known.lastOccurredOn === state.lastOccurredOn
  ) {
    return known.rows;
  }
  const rows = attendanceNow(state);
  attendanceMemo.set(state.meetings, { members: state.members, lastOccurredOn: state.lastOccurredOn, rows });
  return rows;
}

const attendanceMemo = new WeakMap<
  object,
  { members: TrustState['members']; lastOccurredOn: TrustState['lastOccurredOn']; rows: AttendanceRow[] }
>();

function attendanceNow(state: TrustState): AttendanceRow[] {
  const meetings = entriesOf(state.meetings as AppendLog<MeetingRecord>);
  const last = meetings.reduce<CalendarDate | null>(
    (d, m) => (d === null || m.heldOn > d ? m.heldOn : d),
    null,
  );
  const yearStart = last === null ? null : addDays(last, -364);
  const inYear = yearStart === null ? [] : meetings.filter((m) => m.heldOn >= yearStart);
  return activeMembers(state, state.lastOccurredOn).map((member) => {
    const held = inYear.filter((m) => m.heldOn >= member.since);
    const attended = held.filter((m) => m.attendees.includes(member.memberId)).length;
    const minimum = member.minimumAttendance;
    return {
      memberId: member.memberId,
      person: member.person,
      organisation: member.organisation,
      attended,
      of: held.length,
      minimumAttendance: minimum,
      belowMinimum: minimum !== null && attended < Math.min(minimum, held.length),
    };
  });
}

export function decisionCount(state: TrustState): number {
  return (state.decisions as AppendLog<DecisionRecord>).reduce((n, segment) => n + segment.length, 0);
}

export function lastDecision(state: TrustState): DecisionRecord | undefined {
  const log = state.decisions as AppendLog<DecisionRecord>;
  const segment = log[log.length - 1];
  return segment?.[segment.length - 1];
}

export function meetingById(state: TrustState, meetingId: string): MeetingRecord | undefined {
  const log = state.meetings as AppendLog<MeetingRecord>;
  for (let s = log.length - 1; s >= 0; s -= 1) {
    const found = log[s].find((m) => m.meetingId === meetingId);
    if (found) return found;
  }
  return undefined;
}
