import fc from 'fast-check';
import { addCalendarMonths, addDays, isCalendarDate } from './calendar-date';

/** The day `days` after `date`, by counting whole UTC days: the definition, with no shortcuts. */
function reference(date: string, days: number): string {
  const start = Date.parse(`${date}T00:00:00Z`);
  return new Date(start + days * 86_400_000).toISOString().slice(0, 10);
}

describe('calendar dates', () => {
  it('adds and subtracts days across month ends, leap days and years, the same when asked again', () => {
    const day = fc
      .date({
        min: new Date('1990-01-01T00:00:00Z'),
        max: new Date('2040-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: -800, max: 800 }), (date, days) => {
        const first = addDays(date, days);
        expect(first).toBe(reference(date, days));
        expect(addDays(date, days)).toBe(first);
        expect(isCalendarDate(first)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    expect(addDays('2008-02-28', 1)).toBe('2008-02-29');
    expect(addDays('2009-02-28', 1)).toBe('2009-03-01');
    expect(addDays('2009-01-01', -1)).toBe('2008-12-31');
    expect(addDays('2009-03-29', 0)).toBe('2009-03-29');
  });

  it('adds whole months, holding to the last day of a shorter month', () => {
    expect(addCalendarMonths('2008-08-31', 6)).toBe('2009-02-28');
    expect(addCalendarMonths('2007-08-31', 6)).toBe('2008-02-29');
    expect(addCalendarMonths('2009-01-15', 12)).toBe('2010-01-15');
    expect(addCalendarMonths('2009-03-31', -1)).toBe('2009-02-28');
  });
});
