/**
 * The trust domain's functions bound to one lifecycle model. The defaults use the default statutory
 * table; a council that corrects the table builds its own with `createTrustDomain` and must use the
 * same one to decide and to evolve (the app layer does both from one configuration).
 */
import type { TrustEvent } from '../events/payloads';
import { createLifecycleModel, type LifecycleModel } from '../machine/model';
import type { StatutoryRuleTable } from '../statutory/rules';
import { allowedCommandsWith } from './allowed';
import type { TrustCommand, TrustCommandType } from './commands';
import { decideWith, type Decision, type DecisionContext } from './decide';
import { evolveWith } from './evolve';
import { initialStateOf, type TrustState } from './state';

export interface TrustDomain {
  readonly model: LifecycleModel;
  initialState(): TrustState;
  evolve(state: TrustState, event: TrustEvent): TrustState;
  decide(state: TrustState, command: TrustCommand, ctx: DecisionContext): Decision;
  allowedCommands(state: TrustState): TrustCommandType[];
}

export function createTrustDomain(options: { statutoryRules?: StatutoryRuleTable } = {}): TrustDomain {
  const model = createLifecycleModel(options.statutoryRules);
  return {
    model,
    initialState: () => initialStateOf(model),
    evolve: (state, event) => evolveWith(model, state, event),
    decide: (state, command, ctx) => decideWith(model, state, command, ctx),
    allowedCommands: (state) => allowedCommandsWith(model, state),
  };
}

const defaultDomain = createTrustDomain();

export const defaultLifecycleModel: LifecycleModel = defaultDomain.model;

export function initialState(): TrustState {
  return defaultDomain.initialState();
}

export function evolve(state: TrustState, event: TrustEvent): TrustState {
  return defaultDomain.evolve(state, event);
}

export function decide(state: TrustState, command: TrustCommand, ctx: DecisionContext): Decision {
  return defaultDomain.decide(state, command, ctx);
}

export function allowedCommands(state: TrustState): TrustCommandType[] {
  return defaultDomain.allowedCommands(state);
}

/** Rebuilds a state from its events (what a repository does after loading a stream). */
export function replay(events: readonly TrustEvent[], domain: TrustDomain = defaultDomain): TrustState {
  return events.reduce(domain.evolve, domain.initialState());
}
