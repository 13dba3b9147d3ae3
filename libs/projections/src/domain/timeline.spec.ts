import { criticalPathOf, timelineOf, worstRag, type MilestoneFacts } from './timeline';

const TODAY = '2009-03-01';

function m(milestoneId: string, over: Partial<MilestoneFacts>): MilestoneFacts {
  const baselineDue = over.baselineDue ?? '2009-12-31';
  return {
    milestoneId,
    title: milestoneId,
    owner: 'DCS',
    phase: null,
    gate: null,
    baselineDue,
    forecastDue: over.forecastDue ?? baselineDue,
    completedOn: null,
    dependsOn: [],
    ...over,
  };
}

/** A hand-built programme seen on 1 March 2009, with the answers worked out by hand. */
const PROGRAMME = [
  m('A', { baselineDue: '2009-01-31', completedOn: '2009-02-10' }),
  m('B', { baselineDue: '2009-02-20', dependsOn: ['A'] }),
  m('C', { baselineDue: '2009-03-10', dependsOn: ['B'] }),
  m('D', { baselineDue: '2009-04-30', forecastDue: '2009-05-15', dependsOn: ['A'] }),
  m('E', { baselineDue: '2009-06-30', dependsOn: ['C'] }),
  m('F', { baselineDue: '2009-03-12' }),
];

describe('the programme timeline on 1 March 2009', () => {
  const timeline = timelineOf(PROGRAMME, TODAY);
  const byId = Object.fromEntries(timeline.milestones.map((x) => [x.milestoneId, x]));

  it.each([
    ['A', 'green', 10, /completed 10 days after baseline/],
    ['B', 'red', 9, /overdue since 2009-02-20/],
    ['C', 'red', 0, /dependency late: B/],
    ['D', 'amber', 15, /forecast 2009-05-15 is past baseline/],
    ['E', 'green', 0, /on track/],
    ['F', 'amber', 0, /due within 14 days/],
  ])('gives %s %s with %d days of slippage', (id, rag, slippage, reason) => {
    expect(byId[id]).toMatchObject({ rag, slippageDays: slippage, ragReason: expect.stringMatching(reason) });
  });

  it('follows the latest-finishing dependency back from the last milestone for the critical path', () => {
    expect(timeline.criticalPath).toEqual(['A', 'B', 'C', 'E']);
    expect(
      timeline.milestones
        .filter((x) => x.critical)
        .map((x) => x.milestoneId)
        .sort(),
    ).toEqual(['A', 'B', 'C', 'E']);
  });

  it('takes the amber window as a setting', () => {
    const wide = timelineOf(PROGRAMME, TODAY, { amberWithinDays: 200 });
    expect(wide.milestones.find((x) => x.milestoneId === 'E')?.rag).toBe('amber');
    const narrow = timelineOf(PROGRAMME, TODAY, { amberWithinDays: 5 });
    expect(narrow.milestones.find((x) => x.milestoneId === 'F')?.rag).toBe('green');
  });

  it('calls a dependency late when it is open and forecast to finish after the milestone is due', () => {
    const later = timelineOf(
      [m('X', { baselineDue: '2009-09-01' }), m('Y', { baselineDue: '2009-08-01', dependsOn: ['X'] })],
      TODAY,
    );
    expect(later.milestones.find((x) => x.milestoneId === 'Y')).toMatchObject({
      rag: 'red',
      ragReason: 'dependency late: X',
    });
  });

  it('survives a dependency cycle and unknown dependencies', () => {
    const cyclic = [m('P', { dependsOn: ['Q', 'ghost'] }), m('Q', { dependsOn: ['P'] })];
    expect(criticalPathOf(cyclic, TODAY)).toEqual(['Q', 'P']);
  });

  it('rates a trust by its worst milestone', () => {
    expect(worstRag(['green', 'amber'])).toBe('amber');
    expect(worstRag(['amber', 'red'])).toBe('red');
    expect(worstRag([])).toBe('green');
  });
});
