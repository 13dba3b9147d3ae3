import type { MilestoneFacts } from '@trustworks/projections';
import { calendarEntries, longDate } from './calendar-entry';

const TRUST = { trustId: 't-1', authority: 'cheshire-east', name: 'Cheshire East Trust', revision: 7 };
const BASE = 'https://trustworks.example';

const milestone = (over: Partial<MilestoneFacts>): MilestoneFacts => ({
  milestoneId: 'm',
  title: 'Milestone',
  owner: 'DCS',
  phase: null,
  gate: null,
  baselineDue: '2009-04-01',
  forecastDue: '2009-04-01',
  completedOn: null,
  dependsOn: [],
  ...over,
});

describe('calendar entries', () => {
  describe('an open milestone', () => {
    it('sits on its forecast date, with a UID that does not depend on any date', () => {
      const [entry] = calendarEntries(TRUST, [milestone({ forecastDue: '2009-04-15' })], BASE);
      expect(entry).toMatchObject({
        uid: 't-1.m@trustworks',
        date: '2009-04-15',
        sequence: 7,
        completed: false,
        summary: 'Milestone (Cheshire East Trust)',
        url: 'https://trustworks.example/trust/t-1',
      });
      expect(entry.description).toContain('Forecast date: 15 April 2009 (14 days later than baselined)');
    });

    it('names its dependencies by title', () => {
      const entries = calendarEntries(
        TRUST,
        [milestone({ milestoneId: 'a', title: 'Board convened' }), milestone({ dependsOn: ['a', 'gone'] })],
        BASE,
      );
      expect(entries[1].description).toContain('Depends on: Board convened; gone');
    });
  });

  describe('a completed milestone', () => {
    it('moves to the day it completed and says so', () => {
      const [entry] = calendarEntries(
        TRUST,
        [milestone({ forecastDue: '2009-04-15', completedOn: '2009-03-30' })],
        BASE,
      );
      expect(entry).toMatchObject({
        date: '2009-03-30',
        completed: true,
        summary: 'Completed: Milestone (Cheshire East Trust)',
      });
      expect(entry.categories).toContain('Completed');
      expect(entry.description).toContain('Status: Completed on 30 March 2009');
    });
  });

  it("keeps only the owner's milestones when asked, ignoring case and outer spaces", () => {
    const entries = calendarEntries(
      TRUST,
      [milestone({ milestoneId: 'a', owner: 'Implementation Board' }), milestone({ milestoneId: 'b' })],
      BASE,
      '  implementation board ',
    );
    expect(entries.map((e) => e.uid)).toEqual(['t-1.a@trustworks']);
  });

  it('writes dates as people read them, whatever the server time zone', () => {
    expect(longDate('2009-07-01')).toBe('1 July 2009');
  });
});
