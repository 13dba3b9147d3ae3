/**
 * The trust lifecycle: the single source of what may happen when. Every transition runs the one
 * action `record` (the plain reducer in ./record); whether an event is accepted at all depends only
 * on the state it arrives in and the named guards. No I/O, no timers: due dates are data.
 *
 *   notProposed → live.proposed → live.approved → live.implementation → live.operating → closed
 *
 * `implementation` is parallel: `authority` (shadow → vested, for new authorities only) beside the
 * eight `keyIssues` regions (open → proposed → agreed, reopenable). `operating` is parallel too: the
 * CYPP `plan` cycle beside the trust `review` region. Closing review outcomes end in `closed` (final).
 */
import { assign, setup } from 'xstate';
import { KEY_ISSUES, type KeyIssue, type ReviewOutcome } from '../vocabulary';
import type { TrustEvent } from '../events/payloads';
import { DEFAULT_STATUTORY_RULES, type StatutoryRuleTable } from '../statutory/rules';
import { emptyRecord } from './record/empty';
import { applyEvent } from './record/reduce';
import type { TrustRecord } from './record/types';
import { lifecycleGuardChecks, type GuardCheck } from './guards';

/** Outcomes of the 2011-style review after which the board no longer exists as the trust (004). */
export const CLOSING_REVIEW_OUTCOMES: readonly ReviewOutcome[] = [
  'merged-into-health-and-wellbeing-board',
  'replaced-by-commissioning-group',
  'dissolved',
];

const record = { actions: 'record' } as const;

/**
 * Guards that read only the event (which key issue, which outcome), never the context. A transition
 * guarded by one of these is chosen the same way whatever the record holds; evolve relies on that.
 */
export const EVENT_ONLY_GUARDS: readonly string[] = ['isKeyIssue', 'outcomeClosesTrust'];

/** Snapshots never mutate, so one empty context serves every new trust (and every transition() scope). */
const EMPTY_RECORD = Object.freeze(emptyRecord());

function asGuard(check: GuardCheck) {
  return ({ context, event }: { context: TrustRecord; event: TrustEvent }) =>
    check(context, event.data.occurredAt).length === 0;
}

function keyIssueRegion(keyIssue: KeyIssue) {
  const guard = { type: 'isKeyIssue', params: { keyIssue } } as const;
  return {
    initial: 'open' as const,
    states: {
      open: { on: { KeyIssueProposed: { guard, target: 'proposed', ...record } } },
      proposed: {
        on: {
          KeyIssueProposed: { guard, ...record },
          KeyIssueAgreed: { guard, target: 'agreed', ...record },
        },
      },
      agreed: { on: { KeyIssueReopened: { guard, target: 'open', ...record } } },
    },
  };
}

const keyIssueRegions = Object.fromEntries(KEY_ISSUES.map((k) => [k, keyIssueRegion(k)])) as Record<
  KeyIssue,
  ReturnType<typeof keyIssueRegion>
>;

/** Board business that goes on in both the implementation and the operating stages. */
const boardBusiness = {
  MemberAppointed: record,
  MemberReplaced: record,
  MemberWithdrawn: record,
  GovernanceDocumentAdopted: record,
  GovernanceDocumentSigned: record,
  MeetingHeld: record,
  DecisionRecorded: record,
};

const plan = {
  initial: 'drafting' as const,
  states: {
    drafting: {
      on: {
        PlanDrafted: record,
        LscbConsulted: record,
        PlanConsultationOpened: { guard: 'planDrafted', target: 'consulting', ...record },
      },
    },
    consulting: {
      on: { LscbConsulted: record, PlanApproved: { guard: 'lscbConsulted', target: 'approved', ...record } },
    },
    approved: { on: { PlanPublished: { target: 'published', ...record } } },
    published: {
      on: {
        PlanAnnualReviewStarted: { target: 'annualReview', ...record },
        PlanDrafted: { target: 'drafting', ...record },
      },
    },
    annualReview: { on: { PlanAnnualReviewCompleted: { target: 'reviewed', ...record } } },
    reviewed: {
      on: {
        PlanAnnualReviewStarted: { target: 'annualReview', ...record },
        PlanDrafted: { target: 'drafting', ...record },
      },
    },
  },
} as const;

const review = {
  initial: 'notUnderReview' as const,
  states: {
    notUnderReview: { on: { TrustReviewStarted: { target: 'underReview', ...record } } },
    underReview: {
      on: {
        TrustReviewOutcomeRecorded: [
          { guard: 'outcomeClosesTrust', target: '#trust.closed', ...record },
          { target: 'notUnderReview', ...record },
        ],
      },
    },
  },
} as const;

export function createTrustLifecycleMachine(table: StatutoryRuleTable = DEFAULT_STATUTORY_RULES) {
  const checks = lifecycleGuardChecks(table);
  return setup({
    types: { context: {} as TrustRecord, events: {} as TrustEvent },
    actions: { record: assign(({ context, event }) => applyEvent(context, event)) },
    guards: {
      dcsInPost: asGuard(checks.dcsInPost),
      isNewAuthority: asGuard(checks.isNewAuthority),
      readyForInauguration: asGuard(checks.readyForInauguration),
      planDrafted: asGuard(checks.planDrafted),
      lscbConsulted: asGuard(checks.lscbConsulted),
      isKeyIssue: ({ event }, params: { keyIssue: KeyIssue }) =>
        (event.type === 'KeyIssueProposed' ||
          event.type === 'KeyIssueAgreed' ||
          event.type === 'KeyIssueReopened') &&
        event.data.keyIssue === params.keyIssue,
      outcomeClosesTrust: ({ event }) =>
        event.type === 'TrustReviewOutcomeRecorded' && CLOSING_REVIEW_OUTCOMES.includes(event.data.outcome),
    },
  }).createMachine({
    id: 'trust',
    context: EMPTY_RECORD,
    initial: 'notProposed',
    states: {
      notProposed: { on: { TrustProposed: { target: 'live', ...record } } },
      live: {
        initial: 'proposed',
        on: {
          DirectorOfChildrensServicesInPost: record,
          MilestoneScheduled: record,
          MilestoneRebaselined: record,
          MilestoneCompleted: record,
        },
        states: {
          proposed: { on: { ApprovalToProceedGiven: { target: 'approved', ...record } } },
          approved: {
            on: {
              FacilitatorAppointed: record,
              ImplementationBoardConvened: { guard: 'dcsInPost', target: 'implementation', ...record },
            },
          },
          implementation: {
            type: 'parallel',
            on: {
              ...boardBusiness,
              FacilitatorAppointed: record,
              BusinessUnitEstablished: record,
              BoardInaugurated: { guard: 'readyForInauguration', target: 'operating', ...record },
            },
            states: {
              authority: {
                initial: 'shadow',
                states: {
                  shadow: {
                    on: { VestingDayReached: { guard: 'isNewAuthority', target: 'vested', ...record } },
                  },
                  vested: {},
                },
              },
              keyIssues: { type: 'parallel', states: keyIssueRegions },
            },
          },
          operating: { type: 'parallel', on: boardBusiness, states: { plan, review } },
        },
      },
      closed: { type: 'final' },
    },
  });
}

export type TrustLifecycleMachine = ReturnType<typeof createTrustLifecycleMachine>;

/** The machine under the default (overridable) statutory table. */
export const trustLifecycleMachine: TrustLifecycleMachine = createTrustLifecycleMachine();
