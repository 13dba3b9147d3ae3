/** A lifecycle machine together with what evolve and decide derive from it once, up front. */
import { initialTransition, type SnapshotFrom } from 'xstate';
import { DEFAULT_STATUTORY_RULES, type StatutoryRuleTable } from '../statutory/rules';
import { lifecycleGuardChecks } from './guards';
import { contextFreeEventTypes, recordOnlyIndex, type RecordOnlyIndex } from './introspection';
import { createTrustLifecycleMachine, type TrustLifecycleMachine } from './trust-lifecycle.machine';

export type TrustSnapshot = SnapshotFrom<TrustLifecycleMachine>;

export interface LifecycleModel {
  readonly machine: TrustLifecycleMachine;
  readonly statutoryRules: StatutoryRuleTable;
  readonly checks: ReturnType<typeof lifecycleGuardChecks>;
  readonly recordOnly: RecordOnlyIndex;
  /** Event types `transition()` may take on a snapshot whose context lags the record. */
  readonly contextFree: ReadonlySet<string>;
  /** Snapshots are immutable values, so every new trust can start from the same one. */
  readonly initialSnapshot: TrustSnapshot;
}

export function createLifecycleModel(
  statutoryRules: StatutoryRuleTable = DEFAULT_STATUTORY_RULES,
): LifecycleModel {
  const machine = createTrustLifecycleMachine(statutoryRules);
  const [initialSnapshot] = initialTransition(machine);
  return {
    machine,
    statutoryRules,
    checks: lifecycleGuardChecks(statutoryRules),
    recordOnly: recordOnlyIndex(machine),
    contextFree: contextFreeEventTypes(machine),
    initialSnapshot,
  };
}
