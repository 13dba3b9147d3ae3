/**
 * Names for where a trust is, read from the machine's state value (never stored separately):
 *
 * - `not-proposed`: no TrustProposed yet (the state a new stream starts in).
 * - `proposed`, `approved`: before and after the approval to proceed.
 * - `shadow`: the implementation (shadow) board sits and works through the eight key issues; for a
 *   new authority, before its vesting day.
 * - `vesting`: a new authority has vested; the board is still finishing the key issues.
 * - `ready`: all eight key issues agreed (and vested, if new): inauguration is the next step, subject
 *   to its other guards (business unit, governance documents, signatures, statutory partners).
 * - `operating`: the full trust board is inaugurated; the CYPP cycle runs (see `PlanStage`).
 * - `under-review`: operating, with a trust review (e.g. the 2011 review) under way.
 * - `closed:<outcome>`: merged into the HWB, replaced by a commissioning group, or dissolved. Final:
 *   a closed trust accepts nothing but reading. Continuing, streamlined, renamed and reporting-to-HWB
 *   outcomes return the trust to `operating`.
 */
import type { StateValue } from 'xstate';
import { KEY_ISSUES, type ReviewOutcome } from '../vocabulary';
import type { TrustRecord } from './record/types';

export type TrustPhase =
  | 'not-proposed'
  | 'proposed'
  | 'approved'
  | 'shadow'
  | 'vesting'
  | 'ready'
  | 'operating'
  | 'under-review'
  | `closed:${ReviewOutcome}`;

export type PlanStage = 'drafting' | 'consulting' | 'approved' | 'published' | 'annual-review' | 'reviewed';

function child(value: StateValue | undefined, key: string): StateValue | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value === key ? {} : undefined;
  return value[key];
}

function implementationPhase(implementation: StateValue, record: TrustRecord): TrustPhase {
  const keyIssues = child(implementation, 'keyIssues');
  const allAgreed = KEY_ISSUES.every((k) => child(keyIssues, k) === 'agreed');
  const vested = child(implementation, 'authority') === 'vested';
  if (allAgreed && (vested || !record.newAuthority)) return 'ready';
  return vested ? 'vesting' : 'shadow';
}

export function phaseOf(value: StateValue, record: TrustRecord): TrustPhase {
  if (value === 'notProposed') return 'not-proposed';
  if (value === 'closed') return `closed:${record.review?.outcome ?? 'dissolved'}`;
  const live = child(value, 'live');
  if (live === 'proposed' || live === 'approved') return live;
  const implementation = child(live, 'implementation');
  if (implementation !== undefined) return implementationPhase(implementation, record);
  return child(child(live, 'operating'), 'review') === 'underReview' ? 'under-review' : 'operating';
}

const PLAN_STAGES: Record<string, PlanStage> = {
  drafting: 'drafting',
  consulting: 'consulting',
  approved: 'approved',
  published: 'published',
  annualReview: 'annual-review',
  reviewed: 'reviewed',
};

export function planStageOf(value: StateValue): PlanStage | null {
  const stage = child(child(child(value, 'live'), 'operating'), 'plan');
  return typeof stage === 'string' ? (PLAN_STAGES[stage] ?? null) : null;
}
