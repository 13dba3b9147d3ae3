/**
 * Europe/London calendar arithmetic for what people read (audit views, exports). Storage stays ISO-8601 UTC; people think in
 * days in England, so a date given alone means that whole day in England (GMT or BST).
 */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HOUR_MS = 3_600_000;

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

export function isDateOnly(value: string): boolean {
  return DAY.test(value);
}

const DATES_LIMIT = 10_000;
/** London's day by UTC hour: England's offset is whole hours and changes on the hour. */
const datesByHour = new Map<number, string>();

/**
 * The day in England at an instant, `YYYY-MM-DD`. Remembered by the instant's UTC hour, within
 * which England's day cannot change (asking Intl is the cost, and every dashboard and reminder asks
 * for today).
 */
export function londonDate(instant: Date): string {
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  let date = datesByHour.get(hour);
  if (date === undefined) {
    const p = partsOf(instant);
    date = `${p.year}-${p.month}-${p.day}`;
    if (datesByHour.size >= DATES_LIMIT) datesByHour.clear();
    datesByHour.set(hour, date);
  }
  return date;
}

/** The instant as London wall-clock time with its offset, e.g. `2009-05-15T13:00:00+01:00`. */
export function londonIso(instant: Date): string {
  const p = partsOf(instant);
  const offset = p.timeZoneName === 'BST' ? '+01:00' : '+00:00';
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}

/** The instant London's day `date` begins (England is on UTC+0 or UTC+1). */
export function londonStartOfDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  const hourBefore = new Date(utcMidnight - HOUR_MS);
  return londonDate(hourBefore) === date ? hourBefore : new Date(utcMidnight);
}

/** The first instant after London's day `date` (exclusive end of the day). */
export function londonEndOfDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return londonStartOfDay(next);
}

function partsOf(instant: Date): Record<string, string> {
  return Object.fromEntries(londonParts.formatToParts(instant).map((p) => [p.type, p.value]));
}
