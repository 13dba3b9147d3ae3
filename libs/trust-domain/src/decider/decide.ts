/**
 * decide: a command against the current state gives the events it causes, or a typed refusal that
 * names the reason. Checks run in this order: shape, not in the future, not before its prerequisites,
 * lifecycle (the machine and its guards), references. Multi-event commands are checked event by event on the evolving
 * state, so the whole command is accepted or none of it is.
 */
import { isCalendarDate } from '../events/calendar-date';
import type { TrustEvent } from '../events/payloads';
import type { LifecycleModel } from '../machine/model';
import { eventsOf, type TrustCommand } from './commands';
import { datedBeforePrerequisite, datedInFuture } from './dates';
import { TrustRuleViolation } from './errors';
import { evolveWith } from './evolve';
import { machineRefusal } from './explain';
import { referenceBreach } from './references';
import type { TrustState } from './state';
import { shapeBreach } from './validate';

/** Who is recording, on whose authority, and when (an ISO-8601 UTC instant from the app's clock). */
export interface DecisionContext {
  actor: string;
  authority: string;
  recordedAt: string;
}

export type Decision =
  { kind: 'accepted'; events: TrustEvent[] } | { kind: 'rejected'; error: TrustRuleViolation };

const reject = (error: TrustRuleViolation): Decision => ({ kind: 'rejected', error });

function refusalOf(model: LifecycleModel, state: TrustState, event: TrustEvent, ctx: DecisionContext) {
  const early =
    shapeBreach(event) ?? datedInFuture(event, ctx.recordedAt) ?? datedBeforePrerequisite(state, event);
  if (early) return new TrustRuleViolation([early]);
  const lifecycle = machineRefusal(model, state, event);
  if (lifecycle) return lifecycle;
  const reference = referenceBreach(state, event);
  return reference ? new TrustRuleViolation([reference]) : undefined;
}

function existenceRefusal(state: TrustState, command: TrustCommand): TrustRuleViolation | undefined {
  const proposed = state.phase !== 'not-proposed';
  if (!proposed && command.type !== 'ProposeTrust') {
    return TrustRuleViolation.of(
      'TRUST.NOT_PROPOSED',
      `No trust has been proposed here, so ${command.type} has nothing to act on.`,
      {
        commandType: command.type,
      },
    );
  }
  if (proposed && command.type === 'ProposeTrust') {
    return TrustRuleViolation.of(
      'TRUST.ALREADY_PROPOSED',
      `Trust ${state.trustId} was already proposed on ${state.proposedOn}.`,
      {
        trustId: state.trustId,
      },
    );
  }
  return undefined;
}

function contextRefusal(command: TrustCommand, ctx: DecisionContext): TrustRuleViolation | undefined {
  if (typeof ctx.recordedAt !== 'string' || !isCalendarDate(ctx.recordedAt.slice(0, 10))) {
    return TrustRuleViolation.of(
      'TRUST.INVALID_COMMAND',
      'The decision context has no valid recordedAt instant.',
      {},
    );
  }
  if (command.type === 'ScheduleProgramme' && command.data.milestones.length === 0) {
    return TrustRuleViolation.of('TRUST.INVALID_COMMAND', 'A programme needs at least one milestone.', {});
  }
  return undefined;
}

export function decideWith(
  model: LifecycleModel,
  state: TrustState,
  command: TrustCommand,
  ctx: DecisionContext,
): Decision {
  const refused = existenceRefusal(state, command) ?? contextRefusal(command, ctx);
  if (refused) return reject(refused);
  const events = eventsOf(command);
  let current = state;
  for (let i = 0; i < events.length; i += 1) {
    const refusal = refusalOf(model, current, events[i], ctx);
    if (refusal) return reject(refusal);
    // Only a following event is checked on the state this one leaves: the last one's is not needed.
    if (i < events.length - 1) current = evolveWith(model, current, events[i]);
  }
  return { kind: 'accepted', events };
}
