import { londonDate } from '@trustworks/platform';
import {
  DEFAULT_STATUTORY_RULES,
  KEY_ISSUES,
  missingStatutoryPartners,
  type CalendarDate,
  type TrustState,
} from '@trustworks/trust-domain';

/** One line of the portfolio: what a programme manager scans first. */
export interface TrustSummary {
  trustId: string;
  authority: string;
  name: string;
  phase: string;
  planStage: string | null;
  revision: number;
  keyIssuesOpen: string[];
  milestones: { total: number; completed: number; overdue: number };
  nextDue: { milestoneId: string; title: string; due: CalendarDate } | null;
  statutoryPartnersMissing: string[];
}

/** Summarises a trust as seen on `today` (a day in England): overdue means forecast due before today. */
export function summarise(state: TrustState, revision: number, today: CalendarDate): TrustSummary {
  const milestones = Object.values(state.milestones);
  const open = milestones
    .filter((m) => m.completedOn === null)
    .sort((a, b) => a.forecastDue.localeCompare(b.forecastDue));
  const next = open.find((m) => m.forecastDue >= today) ?? null;
  const missing = missingStatutoryPartners(DEFAULT_STATUTORY_RULES, state, state.lastOccurredOn ?? today);
  return {
    trustId: state.trustId,
    authority: state.authority,
    name: state.name,
    phase: state.phase,
    planStage: state.planStage,
    revision,
    keyIssuesOpen: KEY_ISSUES.filter((k) => state.keyIssues[k].status !== 'agreed'),
    milestones: {
      total: milestones.length,
      completed: milestones.length - open.length,
      overdue: open.filter((m) => m.forecastDue < today).length,
    },
    nextDue: next ? { milestoneId: next.milestoneId, title: next.title, due: next.forecastDue } : null,
    statutoryPartnersMissing: [
      ...missing.categories.map((c) => c.category),
      ...missing.districtCouncils.map((d) => `district-council:${d}`),
    ],
  };
}

/** Today's date in England, for deciding what is overdue. */
export function londonToday(now: Date): CalendarDate {
  return londonDate(now);
}
