/**
 * A tiny given/when/then for deciders, with no test-framework dependency (it throws on a mismatch):
 *
 *   given(events).when(command).then([expectedEvent]);
 *   given(events).when(command).then(rejected('TRUST.KEY_ISSUES_OPEN', 'governance'));
 */
import type { TrustEvent } from '../events/payloads';
import type { TrustCommand } from './commands';
import type { Decision, DecisionContext } from './decide';
import { createTrustDomain, replay, type TrustDomain } from './domain';
import type { TrustRuleCode } from './errors';

export const TEST_CONTEXT: DecisionContext = {
  actor: 'programme.manager@example.gov.uk',
  authority: 'test-authority',
  recordedAt: '2012-01-01T12:00:00.000Z',
};

export interface ExpectedRejection {
  readonly code: TrustRuleCode;
  /** Substrings the message must contain (the key issues, partners... it must name). */
  readonly mentions: readonly string[];
}

export function rejected(code: TrustRuleCode, ...mentions: string[]): ExpectedRejection {
  return { code, mentions };
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    keysA.length === keysB.length &&
    keysA.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

const show = (value: unknown) => JSON.stringify(value, null, 2);

function checkRejection(decision: Decision, expected: ExpectedRejection): void {
  if (decision.kind !== 'rejected') {
    throw new Error(`Expected rejection ${expected.code}, but it was accepted with ${show(decision.events)}`);
  }
  const { code, message } = decision.error;
  if (code !== expected.code) throw new Error(`Expected ${expected.code}, got ${code}: ${message}`);
  const absent = expected.mentions.filter((m) => !message.includes(m));
  if (absent.length > 0)
    throw new Error(`Rejection message "${message}" does not mention ${absent.join(', ')}`);
}

function checkEvents(decision: Decision, expected: readonly TrustEvent[]): void {
  if (decision.kind !== 'accepted') {
    throw new Error(`Expected acceptance, got ${decision.error.code}: ${decision.error.message}`);
  }
  if (!deepEqual(decision.events, expected)) {
    throw new Error(`Expected events ${show(expected)}\nbut got ${show(decision.events)}`);
  }
}

export function given(events: readonly TrustEvent[], domain: TrustDomain = createTrustDomain()) {
  const state = replay(events, domain);
  return {
    state,
    when(command: TrustCommand, ctx: DecisionContext = TEST_CONTEXT) {
      const decision = domain.decide(state, command, ctx);
      return {
        decision,
        then(expected: readonly TrustEvent[] | ExpectedRejection): Decision {
          if (Array.isArray(expected)) checkEvents(decision, expected);
          else checkRejection(decision, expected as ExpectedRejection);
          return decision;
        },
      };
    },
  };
}
