import { KEY_ISSUES, type KeyIssue } from '../../vocabulary';
import type { KeyIssueRecord, TrustRecord } from './types';

export function openKeyIssue(): KeyIssueRecord {
  return {
    status: 'open',
    proposal: null,
    proposedOn: null,
    agreedOn: null,
    summary: null,
    reopenedOn: null,
    reopenReason: null,
  };
}

/** The record of a trust nobody has proposed yet: what `initialState()` shows. */
export function emptyRecord(): TrustRecord {
  return {
    revision: 0,
    trustId: '',
    authority: '',
    name: '',
    governanceModel: null,
    ageFrom: null,
    ageTo: null,
    ageExtendedTo: null,
    parentPartnership: null,
    newAuthority: false,
    vestingDay: null,
    twoTierArea: false,
    districtCouncils: [],
    proposedOn: null,
    approvedOn: null,
    approvedBy: null,
    facilitator: null,
    directorOfChildrensServices: null,
    implementationBoard: null,
    vestingDayReachedOn: null,
    businessUnit: null,
    trustBoard: null,
    keyIssues: Object.fromEntries(KEY_ISSUES.map((k) => [k, openKeyIssue()])) as Record<
      KeyIssue,
      KeyIssueRecord
    >,
    members: [],
    governanceDocuments: {},
    milestones: {},
    meetings: [],
    decisions: [],
    plan: null,
    previousPlans: [],
    review: null,
    lastOccurredOn: null,
  };
}
