/**
 * An append-only list kept in segments. A trust's meetings and decisions grow without bound, and an
 * immutable append to one flat array copies the whole history: a 100,000-event stream became
 * quadratic (about 50 s to rehydrate). Appending here copies one segment and the segment index
 * instead. Still plain arrays, so still JSON; `toView` flattens them for readers.
 */
export type AppendLog<T> = readonly (readonly T[])[];

/**
 * An append copies the last segment and the index: about SEGMENT_SIZE / 2 + n / SEGMENT_SIZE slots,
 * least near √(2n). 64 suits the hundreds to thousands of meetings a long-lived trust records (256
 * copied three times as much for a trust with 500, and every copy is garbage to collect).
 */
const SEGMENT_SIZE = 64;

export function append<T>(log: AppendLog<T>, item: T): AppendLog<T> {
  const last = log[log.length - 1];
  if (last === undefined || last.length >= SEGMENT_SIZE) return [...log, [item]];
  const next = log.slice();
  next[next.length - 1] = [...last, item];
  return next;
}

export function entriesOf<T>(log: AppendLog<T>): T[] {
  // A loop, not `flat()`: V8's `flat` is several times slower, and readers flatten on every query.
  const entries: T[] = [];
  for (const segment of log) for (const entry of segment) entries.push(entry);
  return entries;
}

/** How many entries the log holds, without flattening it. */
export function countOf<T>(log: AppendLog<T>): number {
  let count = 0;
  for (const segment of log) count += segment.length;
  return count;
}

/**
 * A page of the log, the newest entry first: `limit` entries after skipping the newest `skip`.
 * Reads only the segments the page falls in, so a page of a long record costs what the page holds.
 */
export function newestFirst<T>(log: AppendLog<T>, skip: number, limit: number): T[] {
  const page: T[] = [];
  let left = skip;
  for (let s = log.length - 1; s >= 0 && page.length < limit; s -= 1) {
    const segment = log[s];
    if (left >= segment.length) {
      left -= segment.length;
      continue;
    }
    for (let i = segment.length - 1 - left; i >= 0 && page.length < limit; i -= 1) page.push(segment[i]);
    left = 0;
  }
  return page;
}

/**
 * A membership test by key (a meeting id, a decision id) for logs of one kind: each full segment's
 * keys are remembered as a set (a full segment is never changed, and later states share it), and
 * only the last, partly filled segment is scanned. A long record is checked in a few lookups
 * instead of a comparison per entry on every command.
 */
export function keyLookup<T>(keyOf: (item: T) => string): (log: AppendLog<T>, key: string) => boolean {
  const keysOfFull = new WeakMap<readonly T[], ReadonlySet<string>>();
  return (log, key) => {
    for (const segment of log) {
      if (segment.length < SEGMENT_SIZE) {
        if (segment.some((item) => keyOf(item) === key)) return true;
        continue;
      }
      let keys = keysOfFull.get(segment);
      if (keys === undefined) {
        keys = new Set(segment.map(keyOf));
        keysOfFull.set(segment, keys);
      }
      if (keys.has(key)) return true;
    }
    return false;
  };
}
