import fc from 'fast-check';
import { addMonths, formatCalendarDate, fromDayNumber, parseCalendarDate, toDayNumber } from './calendar';

const utcDays = (iso: string) =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;

describe('calendar arithmetic', () => {
  it('numbers days exactly as UTC midnights do, both ways', () => {
    const days = fc.integer({
      min: toDayNumber({ year: 1000, month: 1, day: 1 }),
      max: toDayNumber({ year: 9999, month: 12, day: 31 }),
    });
    fc.assert(
      fc.property(days, (n) => {
        const iso = formatCalendarDate(fromDayNumber(n));
        expect(new Date(n * 86_400_000).toISOString().slice(0, 10)).toBe(iso);
        expect(toDayNumber(parseCalendarDate(iso)!)).toBe(n);
        expect(utcDays(iso)).toBe(n);
      }),
    );
  });

  it('accepts only real YYYY-MM-DD days', () => {
    expect(parseCalendarDate('2008-02-29')).toEqual({ year: 2008, month: 2, day: 29 });
    for (const bad of [
      '2009-02-29',
      '1900-02-29',
      '2009-04-31',
      '2009-00-10',
      '2009-1-1',
      '20090101',
      20090101,
    ]) {
      expect(parseCalendarDate(bad)).toBeUndefined();
    }
  });

  it('clamps to the last day when a month is shorter', () => {
    expect(addMonths({ year: 2009, month: 1, day: 31 }, 1)).toEqual({ year: 2009, month: 2, day: 28 });
    expect(addMonths({ year: 2009, month: 3, day: 31 }, -13)).toEqual({ year: 2008, month: 2, day: 29 });
    expect(addMonths({ year: 2008, month: 11, day: 30 }, 2)).toEqual({ year: 2009, month: 1, day: 30 });
  });
});
