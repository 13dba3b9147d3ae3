import { trustLifecycleMachine } from './trust-lifecycle.machine';
import { contextFreeEventTypes, recordOnlyIndex } from './introspection';

describe('any lifecycle state: the machine definition', () => {
  const index = recordOnlyIndex(trustLifecycleMachine);

  it('finds the record-keeping events the machine only records, from its own definition', () => {
    expect([...index.keys()].sort()).toEqual(
      [
        'BusinessUnitEstablished',
        'DecisionRecorded',
        'DirectorOfChildrensServicesInPost',
        'FacilitatorAppointed',
        'GovernanceDocumentAdopted',
        'GovernanceDocumentSigned',
        'LscbConsulted',
        'MeetingHeld',
        'MemberAppointed',
        'MemberReplaced',
        'MemberWithdrawn',
        'MilestoneCompleted',
        'MilestoneRebaselined',
        'MilestoneScheduled',
      ].sort(),
    );
  });

  it('keeps every guarded or state-changing event on the transition() path', () => {
    for (const type of [
      'TrustProposed',
      'BoardInaugurated',
      'KeyIssueAgreed',
      'PlanApproved',
      'PlanDrafted',
      'TrustReviewOutcomeRecorded',
    ]) {
      expect(index.has(type)).toBe(false);
    }
  });

  it('has no eventless or delayed transitions (timers are data, not `after`)', () => {
    const nodes = [trustLifecycleMachine.root];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      expect(node.always ?? []).toEqual([]);
      expect(node.after).toEqual([]);
      nodes.push(...(Object.values(node.states) as (typeof node)[]));
    }
  });

  it('lets only event-routed or unguarded transitions run on a lagging snapshot', () => {
    const free = contextFreeEventTypes(trustLifecycleMachine);
    expect(free.has('KeyIssueProposed')).toBe(true);
    expect(free.has('TrustReviewOutcomeRecorded')).toBe(true);
    for (const type of [
      'BoardInaugurated',
      'ImplementationBoardConvened',
      'PlanApproved',
      'VestingDayReached',
    ]) {
      expect(free.has(type)).toBe(false);
    }
  });
});
