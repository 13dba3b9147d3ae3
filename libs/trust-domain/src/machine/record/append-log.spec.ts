import fc from 'fast-check';
import { append, countOf, entriesOf, keyLookup, newestFirst, type AppendLog } from './append-log';

const logOf = (n: number): AppendLog<number> => {
  let log: AppendLog<number> = [];
  for (let i = 0; i < n; i += 1) log = append(log, i);
  return log;
};

describe('the append log', () => {
  it('counts and pages as the flattened list does, newest first, across segment edges', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 320 }),
        fc.integer({ min: 1, max: 150 }),
        (n, skip, limit) => {
          const log = logOf(n);
          const flat = entriesOf(log);
          expect(countOf(log)).toBe(n);
          expect(newestFirst(log, skip, limit)).toEqual(flat.reverse().slice(skip, skip + limit));
        },
      ),
    );
  });

  it('pages a long log at the segment boundaries exactly', () => {
    const log = logOf(200);
    expect(newestFirst(log, 0, 3)).toEqual([199, 198, 197]);
    // 200 = 3 full segments of 64 + 8: skipping the newest 8 starts at the top of a full segment.
    expect(newestFirst(log, 8, 2)).toEqual([191, 190]);
    expect(newestFirst(log, 198, 5)).toEqual([1, 0]);
    expect(newestFirst(log, 200, 5)).toEqual([]);
  });

  it('finds a key in any segment as a scan of the flattened list does, in logs that share segments', () => {
    const has = keyLookup((n: number) => `k${n}`);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 260 }), fc.integer({ min: -5, max: 270 }), (n, probe) => {
        const log = logOf(n);
        // A later state of the same log shares its full segments (their keys already remembered).
        const later = append(log, 1000);
        expect(has(log, `k${probe}`)).toBe(entriesOf(log).some((m) => `k${m}` === `k${probe}`));
        expect(has(later, `k${probe}`)).toBe(probe >= 0 && probe < n);
        expect(has(later, 'k1000')).toBe(true);
        expect(has(log, 'k1000')).toBe(false);
      }),
    );
  });
});
