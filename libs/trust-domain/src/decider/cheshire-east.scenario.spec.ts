/**
 * Cheshire East's "Day 1 / Year 1" programme (seed 000, Cabinet 2 December 2008), played from the
 * approval to proceed (October 2008) to the plan review (April 2010). The paper gives months; the
 * days within them are ours. Every step goes through decide and evolve, as the app would run it.
 */
import { decide, evolve, initialState } from './domain';
import type { TrustCommand } from './commands';
import type { TrustState } from './state';
import { TEST_CONTEXT } from './testing';
import { EARLY_AGREED, LATE_AGREED, fromJune, inaugurate, toJune } from './cheshire-east.programme';

function play(state: TrustState, commands: TrustCommand[]): TrustState {
  return commands.reduce((current, command) => {
    const decision = decide(current, command, TEST_CONTEXT);
    if (decision.kind === 'rejected') throw new Error(`${command.type} refused: ${decision.error.message}`);
    return decision.events.reduce(evolve, current);
  }, state);
}

describe('operating: Cheshire East Day 1 / Year 1 (seed 000)', () => {
  const june = play(initialState(), toJune);

  it('accepts every step from approval to the end of May 2009, as a vested new authority', () => {
    expect(june.phase).toBe('vesting');
    expect(june.vestingDayReachedOn).toBe('2009-04-01');
  });

  it('refuses inauguration a month early, naming the key issues still open and the business unit', () => {
    const decision = decide(june, inaugurate('2009-06-01'), TEST_CONTEXT);
    expect(decision.kind).toBe('rejected');
    if (decision.kind !== 'rejected') return;
    expect(decision.error.code).toBe('TRUST.KEY_ISSUES_OPEN');
    for (const open of LATE_AGREED) expect(decision.error.message).toContain(open);
    for (const agreed of EARLY_AGREED) expect(decision.error.message).not.toContain(`${agreed} (`);
    expect(decision.error.message).toContain('business unit has not been established');
    expect(decision.error.message).toContain('governance document');
  });

  it('accepts the rest of the programme in order, to the plan review of April 2010', () => {
    const april2010 = play(june, fromJune);
    expect([april2010.phase, april2010.planStage]).toEqual(['operating', 'reviewed']);
    expect(april2010.trustBoard?.inauguratedOn).toBe('2009-07-01');
    expect(april2010.plan?.annualReviewCompletedOn).toBe('2010-04-26');
  });

  it('completes every Day 1 / Year 1 milestone from the lifecycle events themselves', () => {
    const april2010 = play(june, fromJune);
    const late = Object.values(april2010.milestones).filter(
      (m) => m.completedOn === null || m.completedOn > m.forecastDue,
    );
    expect(late.map((m) => m.milestoneId)).toEqual([]);
  });
});
