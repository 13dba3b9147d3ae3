/**
 * Properties over random command sequences: replaying the accepted events from scratch reproduces
 * the state; a refused command leaves the state as it was; evolve's fast path agrees with a plain
 * `transition()` fold.
 */
import fc from 'fast-check';
import { KEY_ISSUES, PARTNER_CATEGORIES, REVIEW_OUTCOMES } from '../vocabulary';
import { addDays } from '../events/calendar-date';
import type { TrustEvent } from '../events/payloads';
import type { TrustCommand } from './commands';
import { decide, defaultLifecycleModel, evolve, initialState, replay } from './domain';
import { StateFold, evolveByTransition } from './evolve';
import { commandFor, toOperating } from './fixtures';
import { toView, type TrustState } from './state';
import { TEST_CONTEXT } from './testing';

type Factory = (key: number, on: string) => TrustCommand;
const pick = <T>(list: readonly T[], key: number): T => list[key % list.length] as T;
const plan = (key: number) => `plan-${key % 2}`;

const FACTORIES: Factory[] = [
  (k, on) => ({
    type: 'ProposeKeyIssue',
    data: { keyIssue: pick(KEY_ISSUES, k), proposal: 'p', occurredAt: on },
  }),
  (k, on) => ({
    type: 'AgreeKeyIssue',
    data: { keyIssue: pick(KEY_ISSUES, k), summary: null, meetingId: null, occurredAt: on },
  }),
  (k, on) => ({
    type: 'ReopenKeyIssue',
    data: { keyIssue: pick(KEY_ISSUES, k), reason: 'r', occurredAt: on },
  }),
  (k, on) => ({
    type: 'AppointMember',
    data: {
      memberId: `m${k}`,
      person: 'p',
      role: 'r',
      organisation: `org${k % 4}`,
      partnerCategory: pick(PARTNER_CATEGORIES, k),
      deputy: null,
      minimumAttendance: null,
      occurredAt: on,
    },
  }),
  (k, on) => ({
    type: 'ReplaceMember',
    data: {
      memberId: `m${k}`,
      replacementMemberId: `m${k + 8}`,
      person: 'q',
      role: 'r',
      deputy: null,
      minimumAttendance: 3,
      occurredAt: on,
    },
  }),
  (k, on) => ({ type: 'WithdrawMember', data: { memberId: `m${k}`, reason: null, occurredAt: on } }),
  (k, on) => ({
    type: 'RecordMeeting',
    data: {
      meetingId: `mt${k}`,
      body: 'board',
      attendees: [],
      apologies: [],
      quorumMet: k % 2 === 0,
      occurredAt: on,
    },
  }),
  (k, on) => ({
    type: 'RecordDecision',
    data: {
      decisionId: `d${k}`,
      title: 't',
      tier: 'board',
      leadAgency: 'PCT',
      rationale: 'r',
      meetingId: k % 2 ? null : `mt${k}`,
      effectiveFrom: on,
      occurredAt: on,
    },
  }),
  (k, on) => ({
    type: 'ScheduleMilestone',
    data: {
      milestoneId: `ms${k}`,
      title: 't',
      owner: 'o',
      baselineDue: addDays(on, 30),
      dependsOn: [],
      completedBy:
        k % 2 ? { eventType: 'MeetingHeld' } : { eventType: 'KeyIssueAgreed', keyIssue: pick(KEY_ISSUES, k) },
      occurredAt: on,
    },
  }),
  (k, on) => ({
    type: 'RebaselineMilestone',
    data: {
      milestoneId: `ms${k}`,
      newDue: addDays(on, 60),
      reason: k % 3 ? 'late' : '',
      approvedBy: 'board',
      occurredAt: on,
    },
  }),
  (k, on) => ({ type: 'CompleteMilestone', data: { milestoneId: `ms${k}`, note: null, occurredAt: on } }),
  (k, on) => ({
    type: 'AdoptGovernanceDocument',
    data: {
      documentId: `doc${k % 2}`,
      kind: k % 2 ? 'partnership-agreement' : 'constitution',
      title: 't',
      version: `${k}`,
      occurredAt: on,
    },
  }),
  (k, on) => ({
    type: 'SignGovernanceDocument',
    data: { documentId: `doc${k % 2}`, organisation: `org${k % 4}`, signedBy: 's', occurredAt: on },
  }),
  (_, on) => ({
    type: 'EstablishBusinessUnit',
    data: { manager: null, fundingSource: null, website: null, occurredAt: on },
  }),
  (_, on) => ({ type: 'InaugurateBoard', data: { boardName: 'b', chair: 'c', occurredAt: on } }),
  (_, on) => ({ type: 'RecordVestingDay', data: { occurredAt: on } }),
  (k, on) => ({ type: 'DraftPlan', data: { planId: plan(k), title: 't', period: 'p', occurredAt: on } }),
  (k, on) => ({ type: 'OpenPlanConsultation', data: { planId: plan(k), closesOn: null, occurredAt: on } }),
  (k, on) => ({ type: 'ConsultLscb', data: { planId: plan(k), response: null, occurredAt: on } }),
  (k, on) => ({ type: 'ApprovePlan', data: { planId: plan(k), approvedBy: 'board', occurredAt: on } }),
  (k, on) => ({ type: 'PublishPlan', data: { planId: plan(k), url: null, occurredAt: on } }),
  (k, on) => ({ type: 'StartPlanAnnualReview', data: { planId: plan(k), reviewYear: 'y', occurredAt: on } }),
  (k, on) => ({ type: 'CompletePlanAnnualReview', data: { planId: plan(k), summary: null, occurredAt: on } }),
  (_, on) => ({ type: 'StartTrustReview', data: { reason: null, occurredAt: on } }),
  (k, on) => ({
    type: 'RecordReviewOutcome',
    data: {
      outcome: pick(REVIEW_OUTCOMES, k),
      newName: 'n',
      successorBody: null,
      localTrusts: null,
      plan: null,
      notes: null,
      occurredAt: on,
    },
  }),
  (_, on) => ({ type: 'RecordDirectorOfChildrensServicesInPost', data: { person: 'd', occurredAt: on } }),
];

const HAPPY_PATH = toOperating().map(commandFor);

const scenario = fc.record({
  // Half the runs start from an inaugurated trust, so the plan cycle and reviews get explored too.
  prefix: fc.oneof(fc.constant(HAPPY_PATH.length), fc.nat(HAPPY_PATH.length)),
  steps: fc.array(
    fc.record({
      factory: fc.nat(FACTORIES.length - 1),
      key: fc.nat(7),
      days: fc.integer({ min: -20, max: 40 }),
    }),
    { maxLength: 60 },
  ),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function run({ prefix, steps }: Scenario) {
  const commands = [
    ...HAPPY_PATH.slice(0, prefix),
    ...steps.map((s, i) => (FACTORIES[s.factory] as Factory)(s.key, addDays('2009-07-02', i * 7 + s.days))),
  ];
  let state: TrustState = initialState();
  const accepted: TrustEvent[] = [];
  for (const command of commands) {
    const before = JSON.stringify(toView(state));
    const decision = decide(state, command, TEST_CONTEXT);
    expect(JSON.stringify(toView(state))).toBe(before);
    if (decision.kind === 'accepted') {
      accepted.push(...decision.events);
      state = decision.events.reduce(evolve, state);
    }
  }
  return { state, accepted };
}

describe('any lifecycle state: properties', () => {
  it('replaying the accepted events from scratch reproduces the state; refusals change nothing', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { state, accepted } = run(input);
        expect(toView(replay(accepted))).toEqual(toView(state));
      }),
      { numRuns: 150 },
    );
  });

  it("evolve's fast path agrees with folding every event through transition()", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { accepted } = run(input);
        const slow = accepted.reduce(
          (s, e) => evolveByTransition(defaultLifecycleModel, s, e),
          initialState(),
        );
        expect(toView(replay(accepted))).toEqual(toView(slow));
      }),
      { numRuns: 100 },
    );
  });

  it('a StateFold gives the states a transition() fold gives, and never changes one it handed out', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.boolean(), { maxLength: 120 }), (input, takes) => {
        const { accepted } = run(input);
        const start = initialState();
        const fold = new StateFold(defaultLifecycleModel, start);
        let slow = initialState();
        const handedOut: Array<{ state: TrustState; view: string }> = [];
        accepted.forEach((event, i) => {
          const next = evolveByTransition(defaultLifecycleModel, slow, event);
          expect(fold.apply(event)).toBe(next !== slow);
          slow = next;
          expect(toView(fold.peek() as TrustState)).toEqual(toView(slow));
          if (takes[i]) {
            const state = fold.state();
            handedOut.push({ state, view: JSON.stringify(toView(state)) });
          }
        });
        expect(toView(fold.state())).toEqual(toView(slow));
        for (const { state, view } of handedOut) expect(JSON.stringify(toView(state))).toBe(view);
        expect(toView(start)).toEqual(toView(initialState()));
      }),
      { numRuns: 100 },
    );
  });
});
