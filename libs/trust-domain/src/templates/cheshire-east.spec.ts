import { KEY_ISSUES } from '../vocabulary';
import { CHESHIRE_EAST_DAY_1_YEAR_1 as template } from './cheshire-east';
import { instantiateTemplate } from './instantiate';
import { validateTemplate } from './validate';

const PAPER_ANCHORS = { approval: '2008-10-01', 'vesting-day': '2009-04-01' };
const byKey = (anchors: Record<string, string>) =>
  new Map(instantiateTemplate(template, anchors).map((s) => [s.milestoneId.split(':')[1], s]));

describe('Cheshire East Day 1 / Year 1 (seed 000)', () => {
  it('validates as a template', () => {
    expect(validateTemplate(template)).toEqual(template);
  });

  it('reproduces the outline schedule dates from the paper anchors', () => {
    const due = Object.fromEntries([...byKey(PAPER_ANCHORS)].map(([key, s]) => [key, s.baselineDue]));
    expect(due).toMatchObject({
      'approval-to-proceed': '2008-10-31', // October 2008
      'facilitator-identified': '2008-11-30', // November 2008
      'dcs-in-post': '2008-12-31', // December 2008
      'implementation-board-convened': '2009-01-31', // January 2009
      'key-issue-review-started': '2009-01-31', // January 2009
      'vesting-day': '2009-04-01', // 1 April 2009
      'business-unit-established': '2009-06-30', // June 2009
      'trust-website': '2009-06-30', // June 2009 (task)
      'board-inaugurated': '2009-07-01', // by 1 July 2009
      'children-plan-approved': '2010-04-30', // April 2010
    });
  });

  it('gives the same dates whichever day of October 2008 the approval fell on', () => {
    const first = instantiateTemplate(template, PAPER_ANCHORS);
    for (const day of ['2008-10-15', '2008-10-31']) {
      expect(instantiateTemplate(template, { ...PAPER_ANCHORS, approval: day })).toEqual(first);
    }
  });

  it('has one milestone per key issue, each due June 2009 and completed by its KeyIssueAgreed', () => {
    const specs = [...byKey(PAPER_ANCHORS).values()].filter(
      (s) => s.completedBy?.eventType === 'KeyIssueAgreed',
    );
    expect(specs.map((s) => s.completedBy?.keyIssue)).toEqual([...KEY_ISSUES]);
    expect(new Set(specs.map((s) => s.baselineDue))).toEqual(new Set(['2009-06-30']));
  });

  it('inaugurates the board only after vesting day and all eight key issues', () => {
    const board = byKey(PAPER_ANCHORS).get('board-inaugurated');
    expect(board?.completedBy).toEqual({ eventType: 'BoardInaugurated' });
    expect(board?.dependsOn).toEqual([
      'cheshire-east-day-1-year-1:vesting-day',
      ...KEY_ISSUES.map((k) => `cheshire-east-day-1-year-1:key-issue-${k}`),
    ]);
  });

  it('completes the lifecycle milestones by their events and leaves the tasks manual', () => {
    const specs = byKey(PAPER_ANCHORS);
    expect(specs.get('vesting-day')?.completedBy).toEqual({ eventType: 'VestingDayReached' });
    expect(specs.get('children-plan-approved')?.completedBy).toEqual({ eventType: 'PlanApproved' });
    expect(specs.get('key-issue-review-started')?.completedBy).toBeUndefined();
    expect(specs.get('trust-website')?.completedBy).toBeUndefined();
  });
});
