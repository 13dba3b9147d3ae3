/**
 * The plain reducer behind the machine's one action (`record`): what each event adds to the record.
 * It never refuses anything; whether an event may happen at all is the machine's and decider's job.
 */
import type { TrustEvent, TrustEventOf } from '../../events/payloads';
import { laterOf } from '../../events/calendar-date';
import type { TrustRecord } from './types';
import { append } from './append-log';
import { memberAppointed, memberReplaced, memberWithdrawn } from './people';
import {
  documentAdopted,
  documentSigned,
  keyIssueAgreed,
  keyIssueProposed,
  keyIssueReopened,
} from './governance';
import { autoComplete, milestoneCompleted, milestoneRebaselined, milestoneScheduled } from './milestones';
import { planDrafted, planStep, reviewOutcome, reviewStarted } from './plan';

type Patch = Partial<TrustRecord>;

function proposed({ data }: TrustEventOf<'TrustProposed'>): Patch {
  return {
    trustId: data.trustId,
    authority: data.authority,
    name: data.name,
    governanceModel: data.governanceModel,
    ageFrom: data.ageFrom,
    ageTo: data.ageTo,
    ageExtendedTo: data.ageExtendedTo,
    parentPartnership: data.parentPartnership,
    newAuthority: data.newAuthority,
    vestingDay: data.vestingDay,
    twoTierArea: data.twoTierArea,
    districtCouncils: [...data.districtCouncils],
    proposedOn: data.occurredAt,
  };
}

function setUp(event: TrustEvent): Patch | undefined {
  const on = event.data.occurredAt;
  switch (event.type) {
    case 'ApprovalToProceedGiven':
      return { approvedOn: on, approvedBy: event.data.approvedBy };
    case 'FacilitatorAppointed':
      return { facilitator: { person: event.data.person, role: event.data.role, appointedOn: on } };
    case 'DirectorOfChildrensServicesInPost':
      return { directorOfChildrensServices: { person: event.data.person, inPostFrom: on } };
    case 'ImplementationBoardConvened':
      return {
        implementationBoard: { boardName: event.data.boardName, chair: event.data.chair, convenedOn: on },
      };
    case 'VestingDayReached':
      return { vestingDayReachedOn: on };
    case 'BusinessUnitEstablished': {
      const { manager, fundingSource, website } = event.data;
      return { businessUnit: { establishedOn: on, manager, fundingSource, website } };
    }
    case 'BoardInaugurated':
      return { trustBoard: { boardName: event.data.boardName, chair: event.data.chair, inauguratedOn: on } };
    default:
      return undefined;
  }
}

function business(record: TrustRecord, event: TrustEvent): Patch {
  switch (event.type) {
    case 'MeetingHeld': {
      const { meetingId, body, attendees, apologies, quorumMet, occurredAt } = event.data;
      const meeting = { meetingId, body, heldOn: occurredAt, attendees, apologies, quorumMet };
      return { meetings: append(record.meetings, meeting) };
    }
    case 'DecisionRecorded': {
      // Field by field, as the meeting above: a rest-and-spread copy gave every decision object a
      // hidden class of its own in V8 (a map and descriptors, about 300 bytes each, per decision).
      const { decisionId, title, tier, leadAgency, rationale, meetingId, effectiveFrom, occurredAt } =
        event.data;
      const decision = {
        decisionId,
        title,
        tier,
        leadAgency,
        rationale,
        meetingId,
        effectiveFrom,
        decidedOn: occurredAt,
      };
      return { decisions: append(record.decisions, decision) };
    }
    default:
      return setUp(event) ?? {};
  }
}

function patchFor(record: TrustRecord, event: TrustEvent): Patch {
  switch (event.type) {
    case 'TrustProposed':
      return proposed(event);
    case 'MemberAppointed':
      return memberAppointed(record, event);
    case 'MemberReplaced':
      return memberReplaced(record, event);
    case 'MemberWithdrawn':
      return memberWithdrawn(record, event);
    case 'KeyIssueProposed':
      return keyIssueProposed(record, event);
    case 'KeyIssueAgreed':
      return keyIssueAgreed(record, event);
    case 'KeyIssueReopened':
      return keyIssueReopened(record, event);
    case 'GovernanceDocumentAdopted':
      return documentAdopted(record, event);
    case 'GovernanceDocumentSigned':
      return documentSigned(record, event);
    case 'MilestoneScheduled':
      return milestoneScheduled(record, event);
    case 'MilestoneRebaselined':
      return milestoneRebaselined(record, event);
    case 'MilestoneCompleted':
      return milestoneCompleted(record, event);
    case 'PlanDrafted':
      return planDrafted(record, event);
    case 'PlanConsultationOpened':
    case 'LscbConsulted':
    case 'PlanApproved':
    case 'PlanPublished':
    case 'PlanAnnualReviewStarted':
    case 'PlanAnnualReviewCompleted':
      return planStep(record, event);
    case 'TrustReviewStarted':
      return reviewStarted(record, event);
    case 'TrustReviewOutcomeRecorded':
      return reviewOutcome(record, event);
    case 'ApprovalToProceedGiven':
    case 'FacilitatorAppointed':
    case 'DirectorOfChildrensServicesInPost':
    case 'ImplementationBoardConvened':
    case 'VestingDayReached':
    case 'BusinessUnitEstablished':
    case 'BoardInaugurated':
    case 'MeetingHeld':
    case 'DecisionRecorded':
      return business(record, event);
    default: {
      const _: never = event;
      return _;
    }
  }
}

/**
 * Folds one event into the record. Generic so `TrustState` (a record plus phase and snapshot) keeps
 * its other fields: evolve's fast path calls this on the whole state.
 */
export function applyEvent<R extends TrustRecord>(record: R, event: TrustEvent): R {
  return applyEventInPlace({ ...record }, event);
}

/**
 * Folds one event into `record` itself: for a fold that owns a private copy nobody else has seen
 * (see `StateFold`). Only the record's own fields are written; the parts it replaces are replaced by
 * new objects, never changed, so earlier states that share them stay as they were.
 */
export function applyEventInPlace<R extends TrustRecord>(record: R, event: TrustEvent): R {
  const { revision, lastOccurredOn } = record;
  Object.assign(record, patchFor(record, event));
  const milestones = autoComplete(record.milestones, event);
  if (milestones) record.milestones = milestones;
  record.revision = revision + 1;
  record.lastOccurredOn = laterOf(lastOccurredOn, event.data.occurredAt);
  return record;
}
