/**
 * Asking the machine whether an event may happen now and, when it may not, saying why: the guards
 * on the transitions the active states offer for it are run as checks, so the refusal names what is
 * missing (which key issues are open, which partners are absent), not just "not allowed".
 */
import type { TrustEvent } from '../events/payloads';
import { candidateTransitions, guardName, isActiveIn } from '../machine/introspection';
import type { LifecycleModel } from '../machine/model';
import type { GuardCheck } from '../machine/guards';
import type { TrustRecord } from '../machine/record/types';
import { TrustRuleViolation, type RuleBreach } from './errors';
import { lifecycleSnapshot, type TrustState } from './state';

function checkFor(model: LifecycleModel, name: string | undefined): GuardCheck | undefined {
  return name !== undefined && name in model.checks
    ? model.checks[name as keyof LifecycleModel['checks']]
    : undefined;
}

function accepts(model: LifecycleModel, state: TrustState, event: TrustEvent): boolean {
  const recordedBy = model.recordOnly.get(event.type);
  if (recordedBy !== undefined) {
    return (
      state.lifecycle.status === 'active' && recordedBy.some((p) => isActiveIn(state.lifecycle.value, p))
    );
  }
  return lifecycleSnapshot(model, state).can(event);
}

function hint(state: TrustState, event: TrustEvent): string {
  if (
    event.type === 'KeyIssueProposed' ||
    event.type === 'KeyIssueAgreed' ||
    event.type === 'KeyIssueReopened'
  ) {
    return ` (key issue ${event.data.keyIssue} is ${state.keyIssues[event.data.keyIssue].status})`;
  }
  return state.planStage ? ` (the plan is at ${state.planStage})` : '';
}

function dedupe(breaches: RuleBreach[]): RuleBreach[] {
  return breaches.filter(
    (b, i) => breaches.findIndex((o) => o.code === b.code && o.message === b.message) === i,
  );
}

/** Undefined when the machine accepts the event in this state; otherwise the reasons it does not. */
export function machineRefusal(
  model: LifecycleModel,
  state: TrustState,
  event: TrustEvent,
): TrustRuleViolation | undefined {
  if (state.lifecycle.status !== 'active') {
    return TrustRuleViolation.of(
      'TRUST.CLOSED',
      `The trust is ${state.phase}: it accepts nothing but reading.`,
      {
        phase: state.phase,
      },
    );
  }
  if (accepts(model, state, event)) return undefined;
  const record: TrustRecord = state;
  const breaches = candidateTransitions(model.machine, state.lifecycle.value, event.type).flatMap(
    (t) => checkFor(model, guardName(t))?.(record, event.data.occurredAt) ?? [],
  );
  if (breaches.length > 0) return new TrustRuleViolation(dedupe(breaches));
  return TrustRuleViolation.of(
    'TRUST.NOT_ALLOWED_NOW',
    `${event.type} cannot happen while the trust is ${state.phase}${hint(state, event)}.`,
    { phase: state.phase, eventType: event.type },
  );
}

/** Whether the lifecycle offers this event type now, judging only the guards that need no command data. */
export function offeredNow(model: LifecycleModel, state: TrustState, eventType: TrustEvent['type']): boolean {
  if (state.lifecycle.status !== 'active') return false;
  return candidateTransitions(model.machine, state.lifecycle.value, eventType).some((t) => {
    const check = checkFor(model, guardName(t));
    return check === undefined || check(state, null).length === 0;
  });
}
