import { given, rejected } from './testing';
import { allowedCommands, replay } from './domain';
import { commandFor, event, keyIssueAgreed, toOperating, toShadow } from './fixtures';
import type { ReviewOutcome } from '../vocabulary';

const planId = 'cypp-2009';
const drafted = event('PlanDrafted', {
  planId,
  title: "Children and Young People's Plan",
  period: '2009-12',
  occurredAt: '2009-07-10',
});
const consultation = event('PlanConsultationOpened', {
  planId,
  closesOn: '2009-09-30',
  occurredAt: '2009-08-01',
});
const lscb = event('LscbConsulted', { planId, response: 'Supportive', occurredAt: '2009-09-01' });
const approved = (occurredAt = '2009-10-01') =>
  event('PlanApproved', { planId, approvedBy: "Children's Trust Board", occurredAt });
const published = event('PlanPublished', { planId, url: null, occurredAt: '2009-10-15' });
const reviewStarted = event('TrustReviewStarted', {
  reason: 'DfE announcement, November 2010',
  occurredAt: '2011-01-10',
});
const outcome = (o: ReviewOutcome, newName: string | null = null) =>
  event('TrustReviewOutcomeRecorded', {
    outcome: o,
    newName,
    successorBody: null,
    localTrusts: null,
    plan: 'slimmed',
    notes: null,
    occurredAt: '2011-06-21',
  });

describe('operating: plan cycle', () => {
  const consulting = [...toOperating(), drafted, consultation];

  it('rejects opening a consultation before any plan is drafted', () => {
    given(toOperating()).when(commandFor(consultation)).then(rejected('TRUST.PLAN_NOT_DRAFTED'));
  });

  it('rejects plan approval before the LSCB was consulted', () => {
    given(consulting)
      .when(commandFor(approved()))
      .then(rejected('TRUST.LSCB_NOT_CONSULTED', 'Local Safeguarding Children Board'));
  });

  it('accepts plan approval once the LSCB was consulted', () => {
    given([...consulting, lscb])
      .when(commandFor(approved()))
      .then([approved()]);
  });

  it('rejects plan approval dated before the LSCB consultation', () => {
    given([...consulting, lscb])
      .when(commandFor(approved('2009-08-15')))
      .then(rejected('TRUST.DATED_BEFORE_PREREQUISITE', 'LSCB was consulted (2009-09-01)'));
  });

  it('runs publication and the annual review, then starts the next cycle with a fresh LSCB consultation', () => {
    const reviewed = [
      ...consulting,
      lscb,
      approved(),
      published,
      event('PlanAnnualReviewStarted', { planId, reviewYear: '2010', occurredAt: '2010-01-10' }),
      event('PlanAnnualReviewCompleted', { planId, summary: null, occurredAt: '2010-04-20' }),
    ];
    expect(replay(reviewed).planStage).toBe('reviewed');
    const next = event('PlanDrafted', {
      planId: 'cypp-2011',
      title: 'CYPP 2011-14',
      period: '2011-14',
      occurredAt: '2010-11-01',
    });
    const state = replay([...reviewed, next]);
    expect([
      state.planStage,
      state.plan?.cycle,
      state.plan?.lscbConsultedOn,
      state.previousPlans.length,
    ]).toEqual(['drafting', 2, null, 1]);
  });

  it('rejects a plan step naming a plan that is not the current one', () => {
    const other = event('LscbConsulted', {
      planId: 'someone-elses',
      response: null,
      occurredAt: '2009-09-01',
    });
    given(consulting).when(commandFor(other)).then(rejected('TRUST.PLAN_NOT_FOUND', 'someone-elses'));
  });
});

describe('operating: milestones', () => {
  const governanceMilestone = event('MilestoneScheduled', {
    milestoneId: 'governance-agreed',
    title: 'Governance arrangements agreed',
    owner: "Director of Children's Services",
    baselineDue: '2009-06-30',
    dependsOn: [],
    completedBy: { eventType: 'KeyIssueAgreed', keyIssue: 'governance' },
    occurredAt: '2008-10-20',
  });

  it('completes a milestone when the lifecycle event it waits for is recorded', () => {
    const state = replay([
      ...toShadow(),
      governanceMilestone,
      event('KeyIssueProposed', {
        keyIssue: 'governance',
        proposal: 'Keep the current documents',
        occurredAt: '2009-03-01',
      }),
      keyIssueAgreed('governance', '2009-06-12'),
    ]);
    expect(state.milestones['governance-agreed']?.completedOn).toBe('2009-06-12');
    expect(state.milestones['governance-agreed']?.completedByEvent).toBe('KeyIssueAgreed');
  });

  it('does not complete it on another key issue', () => {
    const state = replay([
      ...toShadow(),
      governanceMilestone,
      event('KeyIssueProposed', {
        keyIssue: 'membership',
        proposal: 'Core membership',
        occurredAt: '2009-03-01',
      }),
      keyIssueAgreed('membership', '2009-06-12'),
    ]);
    expect(state.milestones['governance-agreed']?.completedOn).toBeNull();
  });

  it('rejects a rebaseline without a reason and an approver', () => {
    const rebaseline = event('MilestoneRebaselined', {
      milestoneId: 'governance-agreed',
      newDue: '2009-07-31',
      reason: '',
      approvedBy: '',
      occurredAt: '2009-05-01',
    });
    given([...toShadow(), governanceMilestone])
      .when(commandFor(rebaseline))
      .then(rejected('TRUST.REBASELINE_NEEDS_REASON_AND_APPROVER'));
  });

  it('moves the forecast and keeps the baseline on a rebaseline', () => {
    const rebaseline = event('MilestoneRebaselined', {
      milestoneId: 'governance-agreed',
      newDue: '2009-07-31',
      reason: 'PCT consultation',
      approvedBy: 'Implementation Board',
      occurredAt: '2009-05-01',
    });
    given([...toShadow(), governanceMilestone])
      .when(commandFor(rebaseline))
      .then([rebaseline]);
    const milestone = replay([...toShadow(), governanceMilestone, rebaseline]).milestones[
      'governance-agreed'
    ];
    expect([milestone?.baselineDue, milestone?.forecastDue, milestone?.rebaselines.length]).toEqual([
      '2009-06-30',
      '2009-07-31',
      1,
    ]);
  });

  it('schedules a whole programme in one command, dependencies in order', () => {
    const second = {
      ...governanceMilestone.data,
      milestoneId: 'board',
      title: 'Board inaugurated',
      dependsOn: ['governance-agreed'],
    };
    const { occurredAt: _, ...first } = governanceMilestone.data;
    const decision = given(toShadow()).when({
      type: 'ScheduleProgramme',
      data: { occurredAt: '2008-10-20', milestones: [first, second] },
    });
    expect(decision.decision.kind === 'accepted' && decision.decision.events.length).toBe(2);
  });
});

describe('under-review', () => {
  const underReview = [...toOperating(), reviewStarted];

  it('is the phase while a trust review is under way', () => {
    expect(replay(underReview).phase).toBe('under-review');
  });

  it('returns a continuing trust to operating under its new name when renamed', () => {
    const state = replay([...underReview, outcome('renamed', 'Children and Families Partnership')]);
    expect([state.phase, state.name, state.review?.outcome]).toEqual([
      'operating',
      'Children and Families Partnership',
      'renamed',
    ]);
  });

  it('closes a dissolved trust for good', () => {
    const closed = [...underReview, outcome('dissolved')];
    expect(replay(closed).phase).toBe('closed:dissolved');
    expect(allowedCommands(replay(closed))).toEqual([]);
    given(closed).when(commandFor(drafted)).then(rejected('TRUST.CLOSED', 'closed:dissolved'));
  });

  it('closes a trust merged into the Health and Wellbeing Board', () => {
    expect(replay([...underReview, outcome('merged-into-health-and-wellbeing-board')]).phase).toBe(
      'closed:merged-into-health-and-wellbeing-board',
    );
  });
});
