/** Patches for the Children and Young People's Plan cycle and the trust's own review. */
import type { TrustEvent, TrustEventOf } from '../../events/payloads';
import type { PlanRecord, TrustRecord } from './types';

type Patch = Partial<TrustRecord>;

export function planDrafted(record: TrustRecord, { data }: TrustEventOf<'PlanDrafted'>): Patch {
  const current = record.plan;
  // A redraft of the plan still in drafting keeps its cycle; a draft after approval starts the next one.
  const redraft = current !== null && current.approvedOn === null;
  const plan: PlanRecord = {
    cycle: current === null ? 1 : redraft ? current.cycle : current.cycle + 1,
    planId: data.planId,
    title: data.title,
    period: data.period,
    draftedOn: data.occurredAt,
    consultationOpenedOn: redraft ? current.consultationOpenedOn : null,
    consultationClosesOn: redraft ? current.consultationClosesOn : null,
    lscbConsultedOn: redraft ? current.lscbConsultedOn : null,
    approvedOn: null,
    approvedBy: null,
    publishedOn: null,
    url: null,
    annualReviewStartedOn: null,
    annualReviewCompletedOn: null,
  };
  const previousPlans =
    current === null || redraft ? record.previousPlans : [...record.previousPlans, current];
  return { plan, previousPlans };
}

function withPlan(record: TrustRecord, change: Partial<PlanRecord>): Patch {
  return record.plan === null ? {} : { plan: { ...record.plan, ...change } };
}

export function planStep(
  record: TrustRecord,
  event: Extract<
    TrustEvent,
    {
      type:
        | 'PlanConsultationOpened'
        | 'LscbConsulted'
        | 'PlanApproved'
        | 'PlanPublished'
        | 'PlanAnnualReviewStarted'
        | 'PlanAnnualReviewCompleted';
    }
  >,
): Patch {
  const on = event.data.occurredAt;
  switch (event.type) {
    case 'PlanConsultationOpened':
      return withPlan(record, { consultationOpenedOn: on, consultationClosesOn: event.data.closesOn });
    case 'LscbConsulted':
      return withPlan(record, { lscbConsultedOn: on });
    case 'PlanApproved':
      return withPlan(record, { approvedOn: on, approvedBy: event.data.approvedBy });
    case 'PlanPublished':
      return withPlan(record, { publishedOn: on, url: event.data.url });
    case 'PlanAnnualReviewStarted':
      return withPlan(record, { annualReviewStartedOn: on, annualReviewCompletedOn: null });
    case 'PlanAnnualReviewCompleted':
      return withPlan(record, { annualReviewCompletedOn: on });
    default: {
      const _: never = event;
      return _;
    }
  }
}

export function reviewStarted(_record: TrustRecord, { data }: TrustEventOf<'TrustReviewStarted'>): Patch {
  return {
    review: {
      startedOn: data.occurredAt,
      reason: data.reason,
      outcome: null,
      outcomeOn: null,
      newName: null,
      successorBody: null,
      localTrusts: null,
      plan: null,
      notes: null,
    },
  };
}

export function reviewOutcome(
  record: TrustRecord,
  { data }: TrustEventOf<'TrustReviewOutcomeRecorded'>,
): Patch {
  const review = {
    startedOn: record.review?.startedOn ?? null,
    reason: record.review?.reason ?? null,
    outcome: data.outcome,
    outcomeOn: data.occurredAt,
    newName: data.newName,
    successorBody: data.successorBody,
    localTrusts: data.localTrusts,
    plan: data.plan,
    notes: data.notes,
  };
  return data.outcome === 'renamed' && data.newName ? { review, name: data.newName } : { review };
}
