/**
 * Deadlines the record implies. They are rules of the programme, read from the council papers, so
 * they live with the record; reminders (and anything else) ask here rather than work them out again.
 */
import { addCalendarMonths } from '../../events/calendar-date';
import type { CalendarDate, KeyIssue } from '../../vocabulary';
import { openKeyIssues } from './governance';
import type { PlanRecord, TrustRecord } from './types';

/** Cheshire East (000): the implementation board's review of the key issues runs six months. */
export const KEY_ISSUES_REVIEW_MONTHS = 6;
/** The Children and Young People's Plan is reviewed every year (000, 001, 002). */
export const PLAN_REVIEW_MONTHS = 12;

/**
 * While the implementation board sits (convened, the trust board not yet inaugurated) and some key
 * issue is not agreed: when the review is due, and what is still open. Otherwise null.
 */
export function keyIssuesReview(
  record: TrustRecord,
  months = KEY_ISSUES_REVIEW_MONTHS,
): { deadline: CalendarDate; open: KeyIssue[] } | null {
  const board = record.implementationBoard;
  if (board === null || record.trustBoard !== null) return null;
  const open = openKeyIssues(record);
  return open.length === 0 ? null : { deadline: addCalendarMonths(board.convenedOn, months), open };
}

/** The approved plan's next annual review: a year after its approval, or after its last review. */
export function planReviewDue(
  record: TrustRecord,
  months = PLAN_REVIEW_MONTHS,
): { plan: PlanRecord; due: CalendarDate } | null {
  const plan = record.plan;
  if (plan === null || plan.approvedOn === null) return null;
  return { plan, due: addCalendarMonths(plan.annualReviewCompletedOn ?? plan.approvedOn, months) };
}
