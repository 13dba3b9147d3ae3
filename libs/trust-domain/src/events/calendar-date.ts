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

const ADDED_DAYS_LIMIT = 20_000;
const addedDays = new Map<string, CalendarDate>();

/**
 * The day `days` after `date` (before, if negative). Remembered: the reminders' schedules ask the
 * same few hundred sums of every trust after every event, and the Date round trip is the cost.
 */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const key = `${date}|${days}`;
  let sum = addedDays.get(key);
  if (sum === undefined) {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    sum = new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
    if (addedDays.size >= ADDED_DAYS_LIMIT) addedDays.clear();
    addedDays.set(key, sum);
  }
  return sum;
}

/** Whole calendar months; 31 August + 6 months is 28 (or 29) February. */
export function addCalendarMonths(date: CalendarDate, months: number): CalendarDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(day, last))).toISOString().slice(0, 10);
}
