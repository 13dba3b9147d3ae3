/**
 * Order in time. An event may not be dated before the events it depends on (inauguration before the
 * board was convened, approval before the proposal), nor after the moment it is being recorded.
 * Dates come from the command and the decision context: the domain never reads a clock.
 */
import { KEY_ISSUES, type CalendarDate } from '../vocabulary';
import { addDays } from '../events/calendar-date';
import type { TrustEvent } from '../events/payloads';
import type { TrustRecord } from '../machine/record/types';
import type { RuleBreach } from './errors';

type Prerequisite = readonly [what: string, on: CalendarDate | null | undefined];

function lifecyclePrerequisites(r: TrustRecord, event: TrustEvent): Prerequisite[] {
  switch (event.type) {
    case 'ImplementationBoardConvened':
      return [
        ['the approval to proceed', r.approvedOn],
        ['the DCS took up post', r.directorOfChildrensServices?.inPostFrom],
      ];
    case 'VestingDayReached':
      return [['the planned vesting day', r.vestingDay]];
    case 'KeyIssueProposed':
    case 'KeyIssueReopened':
      return [['the implementation board was convened', r.implementationBoard?.convenedOn]];
    case 'KeyIssueAgreed':
      return [[`key issue ${event.data.keyIssue} was proposed`, r.keyIssues[event.data.keyIssue].proposedOn]];
    case 'BoardInaugurated':
      return [
        ['the implementation board was convened', r.implementationBoard?.convenedOn],
        ['the vesting day', r.vestingDayReachedOn],
        ['the business unit was established', r.businessUnit?.establishedOn],
        ...KEY_ISSUES.map((k): Prerequisite => [`key issue ${k} was agreed`, r.keyIssues[k].agreedOn]),
      ];
    default:
      return [];
  }
}

function planPrerequisites(r: TrustRecord, event: TrustEvent): Prerequisite[] {
  const plan = r.plan;
  switch (event.type) {
    case 'PlanDrafted':
      return [['the board was inaugurated', r.trustBoard?.inauguratedOn]];
    case 'PlanConsultationOpened':
      return [['the plan was drafted', plan?.draftedOn]];
    case 'PlanApproved':
      return [
        ['the consultation opened', plan?.consultationOpenedOn],
        ['the LSCB was consulted', plan?.lscbConsultedOn],
      ];
    case 'PlanPublished':
      return [['the plan was approved', plan?.approvedOn]];
    case 'PlanAnnualReviewStarted':
      return [['the plan was published', plan?.publishedOn]];
    case 'PlanAnnualReviewCompleted':
      return [['the annual review started', plan?.annualReviewStartedOn]];
    case 'TrustReviewOutcomeRecorded':
      return [['the trust review started', r.review?.startedOn]];
    case 'MilestoneCompleted':
    case 'MilestoneRebaselined':
      return [['the milestone was scheduled', r.milestones[event.data.milestoneId]?.scheduledOn]];
    case 'GovernanceDocumentSigned':
      return [['the document was adopted', r.governanceDocuments[event.data.documentId]?.adoptedOn]];
    default:
      return [];
  }
}

export function datedBeforePrerequisite(r: TrustRecord, event: TrustEvent): RuleBreach | undefined {
  const on = event.data.occurredAt;
  const prerequisites: Prerequisite[] = [
    ['the trust was proposed', r.proposedOn],
    ['the approval to proceed', event.type === 'ApprovalToProceedGiven' ? null : r.approvedOn],
    ...lifecyclePrerequisites(r, event),
    ...planPrerequisites(r, event),
  ];
  const broken = prerequisites.filter((p): p is readonly [string, CalendarDate] => !!p[1] && on < p[1]);
  if (broken.length === 0) return undefined;
  const list = broken.map(([what, date]) => `${what} (${date})`).join(', ');
  return {
    code: 'TRUST.DATED_BEFORE_PREREQUISITE',
    message: `${event.type} is dated ${on}, before ${list}.`,
    details: { occurredAt: on, prerequisites: broken.map(([what, date]) => ({ what, date })) },
  };
}

/**
 * `recordedAt` is a UTC instant; the day in England can be one ahead of its UTC date (just after
 * midnight in summer time), so one day's grace, and no more.
 */
export function datedInFuture(event: TrustEvent, recordedAt: string): RuleBreach | undefined {
  const latest = addDays(recordedAt.slice(0, 10), 1);
  return event.data.occurredAt > latest
    ? {
        code: 'TRUST.DATED_IN_FUTURE',
        message: `${event.type} is dated ${event.data.occurredAt}, after it is being recorded (${recordedAt}).`,
        details: { occurredAt: event.data.occurredAt, recordedAt },
      }
    : undefined;
}
