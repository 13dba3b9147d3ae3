import type { AnyStateNode, StateValue } from 'xstate';
import { decide, defaultLifecycleModel, evolve, initialState } from '../index';
import { TRUST_EVENT_TYPES } from '../vocabulary';
import { fromJune, toJune } from '../decider/cheshire-east.programme';
import { TEST_CONTEXT } from '../decider/testing';
import type { TrustEvent } from '../events/payloads';
import { allStateNodes, candidateTransitions, isActiveIn } from './introspection';

/** The definition, worked out afresh: every active node's transitions for the event, deepest first. */
function reference(value: StateValue, eventType: string) {
  return allStateNodes(defaultLifecycleModel.machine)
    .filter((node: AnyStateNode) => isActiveIn(value, node.path))
    .sort((a, b) => b.path.length - a.path.length)
    .flatMap((node) => node.transitions.get(eventType) ?? []);
}

/** Every state value the Cheshire East programme passes through, from proposal to its last event. */
function programmeValues(): StateValue[] {
  const values: StateValue[] = [];
  let state = initialState();
  values.push(state.lifecycle.value);
  for (const command of [...toJune, ...fromJune]) {
    const decision = decide(state, command, TEST_CONTEXT);
    if (decision.kind === 'rejected') throw new Error(decision.error.message);
    for (const event of decision.events as TrustEvent[]) {
      state = evolve(state, event);
      values.push(state.lifecycle.value);
    }
  }
  return values;
}

describe('candidateTransitions, remembered per state value', () => {
  const values = programmeValues();

  it('passes through more than one configuration of the machine', () => {
    expect(new Set(values.map((v) => JSON.stringify(v))).size).toBeGreaterThan(3);
  });

  it('gives what the definition gives, for every event type in every state the programme reaches', () => {
    for (const value of values) {
      // The same value object again, and an equal one built apart, both answer as the definition.
      for (const asked of [value, value, JSON.parse(JSON.stringify(value)) as StateValue]) {
        for (const eventType of TRUST_EVENT_TYPES) {
          expect(candidateTransitions(defaultLifecycleModel.machine, asked, eventType)).toEqual(
            reference(asked, eventType),
          );
        }
      }
    }
  });
});
