import fc from 'fast-check';
import { londonDate, londonEndOfDay, londonIso, londonStartOfDay } from './london';

/** England's day at an instant, asked of Intl afresh each time: the reference. */
function reference(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(instant);
}

describe('Europe/London days and times', () => {
  it('gives England’s day across the clock changes and at midnight in summer time', () => {
    // BST began 01:00 UTC on 29 March 2009 and ended 01:00 UTC on 25 October 2009.
    expect(londonDate(new Date('2009-03-29T00:59:59Z'))).toBe('2009-03-29');
    expect(londonDate(new Date('2009-06-30T22:59:59Z'))).toBe('2009-06-30');
    expect(londonDate(new Date('2009-06-30T23:00:00Z'))).toBe('2009-07-01');
    expect(londonDate(new Date('2009-10-24T23:00:00Z'))).toBe('2009-10-25');
    expect(londonDate(new Date('2009-12-31T23:59:59Z'))).toBe('2009-12-31');
    expect(londonIso(new Date('2009-05-15T12:00:00Z'))).toBe('2009-05-15T13:00:00+01:00');
    expect(londonIso(new Date('2009-12-15T12:00:00Z'))).toBe('2009-12-15T12:00:00+00:00');
    expect(londonStartOfDay('2009-07-01').toISOString()).toBe('2009-06-30T23:00:00.000Z');
    expect(londonEndOfDay('2009-10-24').toISOString()).toBe('2009-10-24T23:00:00.000Z');
    expect(londonEndOfDay('2009-10-25').toISOString()).toBe('2009-10-26T00:00:00.000Z');
  });

  it('agrees with Intl for any instant, asked once or many times in the same minute', () => {
    const instant = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2040-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d);
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 59_999 }), (at, within) => {
        const start = Math.floor(at.getTime() / 60_000) * 60_000;
        const first = londonDate(new Date(start + within));
        expect(first).toBe(reference(new Date(start + within)));
        expect(londonDate(new Date(start))).toBe(reference(new Date(start)));
        expect(londonDate(new Date(start + 59_999))).toBe(reference(new Date(start + 59_999)));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with Intl anywhere in a UTC hour, the unit it remembers days by', () => {
    const hour = fc.integer({ min: 262_968, max: 613_608 }); // 2000-01-01 to 2040-01-01, in UTC hours
    fc.assert(
      fc.property(hour, fc.integer({ min: 0, max: 3_599_999 }), (h, within) => {
        for (const at of [h * 3_600_000 + within, h * 3_600_000, h * 3_600_000 + 3_599_999]) {
          expect(londonDate(new Date(at))).toBe(reference(new Date(at)));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
