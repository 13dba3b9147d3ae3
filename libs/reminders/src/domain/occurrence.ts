/**
 * Occurrences of a scheduled reminder. A one-off has one; an overdue reminder repeats every few
 * days. After a quiet spell (the dispatcher was down, or a programme was loaded with old dates), a
 * repeating reminder is issued once for the latest occurrence that has come, not once per missed
 * week: nobody needs six copies of "overdue".
 */
import { londonDate } from '@trustworks/platform';
import { addDays, type CalendarDate } from '@trustworks/trust-domain';
import { daysFrom, dueInstant } from './days';

export interface Occurring {
  scheduleId: string;
  everyDays: number | null;
  sendHour: number;
  nextOn: CalendarDate;
}

/** The occurrence to issue at `now` for a row whose next occurrence has come. */
export function occurrenceAt(row: Occurring, now: Date): CalendarDate {
  if (row.everyDays === null) return row.nextOn;
  const today = londonDate(now);
  let k = Math.max(0, Math.floor(daysFrom(row.nextOn, today) / row.everyDays));
  while (
    k > 0 &&
    Date.parse(dueInstant(addDays(row.nextOn, k * row.everyDays), row.sendHour)) > now.getTime()
  )
    k -= 1;
  return addDays(row.nextOn, k * row.everyDays);
}

/** What comes after `issuedOn` was issued: the next repeat, or nothing. */
export function nextAfter(
  row: { everyDays: number | null; sendHour: number },
  issuedOn: CalendarDate,
): { on: CalendarDate; at: string } | null {
  if (row.everyDays === null) return null;
  const on = addDays(issuedOn, row.everyDays);
  return { on, at: dueInstant(on, row.sendHour) };
}

/** The stream key of one occurrence: the schedule id, dated when the reminder repeats. */
export function keyOf(row: Pick<Occurring, 'scheduleId' | 'everyDays'>, occurrence: CalendarDate): string {
  return row.everyDays === null ? row.scheduleId : `${row.scheduleId}@${occurrence}`;
}
