/**
 * What the projection stores for a trust, derived from the domain's TrustState (never from the
 * events directly): the domain decides what a milestone's forecast is or who is a member.
 */
import {
  DEFAULT_STATUTORY_RULES,
  membershipRegister,
  missingStatutoryPartners,
  openKeyIssues,
  type AppendLog,
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
    keyIssuesOpen: openKeyIssues(state),
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

export function lastDecision(state: Readonly<TrustState>): DecisionRecord | undefined {
  const log = state.decisions as AppendLog<DecisionRecord>;
  const segment = log[log.length - 1];
  return segment?.[segment.length - 1];
}

/**
 * The meeting with this id, searched from the latest back: a decision usually cites the meeting just
 * held, and a long record holds hundreds. Meeting ids are unique (the decider refuses a second
 * MeetingHeld with the same id).
 */
export function meetingById(state: Readonly<TrustState>, meetingId: string): MeetingRecord | undefined {
  const log = state.meetings as AppendLog<MeetingRecord>;
  for (let s = log.length - 1; s >= 0; s -= 1) {
    const segment = log[s];
    for (let i = segment.length - 1; i >= 0; i -= 1) {
      if (segment[i].meetingId === meetingId) return segment[i];
    }
  }
  return undefined;
}
