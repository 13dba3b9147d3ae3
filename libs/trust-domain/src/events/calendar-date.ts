import {
  addDays as addCivilDays,
  addMonths,
  formatCalendarDate,
  type CivilDate,
} from '../templates/calendar';
import type { CalendarDate } from '../vocabulary';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real `YYYY-MM-DD` day (no 2009-02-30). Pure: no clock, no locale. */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** `YYYY-MM-DD` strings order lexically, which is why dates stay strings throughout the domain. */
export function isBefore(a: CalendarDate, b: CalendarDate): boolean {
  return a < b;
}

export function laterOf(a: CalendarDate | null, b: CalendarDate): CalendarDate {
  return a === null || a < b ? b : a;
}

/** A `YYYY-MM-DD` day (already validated) as year, month and day. */
function civilOf(date: CalendarDate): CivilDate {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** The day `days` after `date` (before, if negative), by day numbers: no Date object, no cache. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return formatCalendarDate(addCivilDays(civilOf(date), days));
}

/** Whole calendar months; 31 August + 6 months is 28 (or 29) February. */
export function addCalendarMonths(date: CalendarDate, months: number): CalendarDate {
  return formatCalendarDate(addMonths(civilOf(date), months));
}
