import fc from 'fast-check';
import { addDays, formatCalendarDate, parseCalendarDate, toDayNumber } from './calendar';
import { BUILT_IN_TEMPLATES } from './built-in';
import { applyOffset, instantiateTemplate, milestoneIdFor } from './instantiate';
import type { DueOffset, ProgrammeTemplate } from './types';

/** The anchor dates each paper gives. */
const PAPER_ANCHORS: Record<string, Record<string, string>> = {
  'cheshire-east-day-1-year-1': { approval: '2008-10-01', 'vesting-day': '2009-04-01' },
  'haringey-childrens-trust': { 'first-trust-meeting': '2009-07-13' },
  'dudley-cypp-2008-11': {
    'stakeholder-conference': '2007-10-09',
    'select-committee': '2007-11-15',
    publication: '2008-01-01',
  },
};

const dayNumber = (date: string) => toDayNumber(parseCalendarDate(date)!);
const shift = (date: string, days: number) => formatCalendarDate(addDays(parseCalendarDate(date)!, days));
const shiftAll = (anchors: Record<string, string>, days: number) =>
  Object.fromEntries(Object.entries(anchors).map(([key, date]) => [key, shift(date, days)]));
const isDayOnly = (due: DueOffset) => due.months === undefined && !due.endOfMonth;

/** Keys of milestones whose due date is a pure day offset from the given anchors (fallbacks included). */
function dayOffsetKeys(template: ProgrammeTemplate): string[] {
  const dayOnlyAnchors = new Set(
    template.anchors.filter((a) => !a.fallback || isDayOnly(a.fallback)).map((a) => a.key),
  );
  return template.milestones
    .filter((m) => isDayOnly(m.due) && dayOnlyAnchors.has(m.due.anchor))
    .map((m) => m.key);
}

const templates = BUILT_IN_TEMPLATES.map((t) => [t.id, t] as const);
const daysShift = fc.integer({ min: -50_000, max: 50_000 });

describe('properties of the built-in templates', () => {
  it.each(templates)(
    '%s: every day-offset milestone moves by exactly the days its anchors move',
    (id, template) => {
      const base = instantiateTemplate(template, PAPER_ANCHORS[id]);
      const keys = dayOffsetKeys(template).map((key) => milestoneIdFor(id, key));
      expect(keys.length).toBeGreaterThan(0);
      fc.assert(
        fc.property(daysShift, (n) => {
          const moved = new Map(
            instantiateTemplate(template, shiftAll(PAPER_ANCHORS[id], n)).map((s) => [s.milestoneId, s]),
          );
          for (const spec of base.filter((s) => keys.includes(s.milestoneId))) {
            expect(dayNumber(moved.get(spec.milestoneId)!.baselineDue) - dayNumber(spec.baselineDue)).toBe(n);
          }
        }),
      );
    },
  );

  it.each(templates)(
    '%s: every dependency falls due no later than what depends on it, wherever the anchors move',
    (id, template) => {
      fc.assert(
        fc.property(daysShift, (n) => {
          const specs = instantiateTemplate(template, shiftAll(PAPER_ANCHORS[id], n));
          const due = new Map(specs.map((s) => [s.milestoneId, s.baselineDue]));
          for (const spec of specs)
            for (const dep of spec.dependsOn) expect(due.get(dep)! <= spec.baselineDue).toBe(true);
        }),
      );
    },
  );

  it.each(templates)(
    '%s: the paper anchors give milestones in an order where dependencies come first',
    (id, template) => {
      const specs = instantiateTemplate(template, PAPER_ANCHORS[id]);
      const index = new Map(specs.map((s, i) => [s.milestoneId, i]));
      for (const spec of specs)
        for (const dep of spec.dependsOn) expect(index.get(dep)!).toBeLessThan(index.get(spec.milestoneId)!);
    },
  );
});

describe('properties of due-date arithmetic', () => {
  const anchorDay = fc.integer({ min: dayNumber('1900-01-01'), max: dayNumber('2200-12-31') });
  const offset = fc.record({
    months: fc.option(fc.integer({ min: -240, max: 240 }), { nil: undefined }),
    days: fc.option(fc.integer({ min: -3660, max: 3660 }), { nil: undefined }),
    endOfMonth: fc.option(fc.boolean(), { nil: undefined }),
  });
  const due = (day: number, o: Omit<DueOffset, 'anchor'>) =>
    toDayNumber(applyOffset(addDays({ year: 1970, month: 1, day: 1 }, day), o));

  it('never puts a later anchor before an earlier one', () => {
    fc.assert(
      fc.property(anchorDay, fc.nat(400), offset, (day, gap, o) => {
        expect(due(day + gap, o)).toBeGreaterThanOrEqual(due(day, o));
      }),
    );
  });

  it('makes end-of-month dates depend only on the anchor month', () => {
    fc.assert(
      fc.property(anchorDay, offset, (day, o) => {
        const first = addDays({ year: 1970, month: 1, day: 1 }, day);
        const firstOfMonth = toDayNumber({ ...first, day: 1 });
        expect(due(day, { ...o, endOfMonth: true })).toBe(due(firstOfMonth, { ...o, endOfMonth: true }));
      }),
    );
  });
});
