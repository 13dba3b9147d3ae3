import { londonIso, londonStartOfDay } from '@trustworks/platform';
import type { CalendarDate } from '@trustworks/trust-domain';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The instant London's wall clock shows `hour`:00 on `date`, as ISO-8601 UTC. On the two days a year
 * the clocks change, the hour is counted on the wall clock, not from midnight.
 */
export function dueInstant(date: CalendarDate, hour: number): string {
  const key = `${date}T${hour}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    if (instants.size >= INSTANT_CACHE_LIMIT) instants.clear();
    instant = computeDueInstant(date, hour);
    instants.set(key, instant);
  }
  return instant;
}

/** Pure and asked for the same few thousand days over and over: remembered (Intl time zones are slow). */
const instants = new Map<string, string>();
const INSTANT_CACHE_LIMIT = 50_000;

function computeDueInstant(date: CalendarDate, hour: number): string {
  const start = londonStartOfDay(date).getTime();
  let at = start + hour * HOUR_MS;
  const shown = Number(londonIso(new Date(at)).slice(11, 13));
  // On a clock-change day the wall clock is an hour off from "midnight + hour"; the difference is
  // taken the short way round (23 versus 0 is one hour, not twenty-three).
  let off = shown - hour;
  if (off > 12) off -= 24;
  if (off < -12) off += 24;
  at -= off * HOUR_MS;
  return new Date(at).toISOString();
}

/** Whole days from one London day to another. */
export function daysFrom(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
