/**
 * Checks that a command's ids refer to things the trust has (or, for new things, does not already
 * have). These are bookkeeping, not lifecycle: the machine says *when*, these say *which*.
 */
import type { TrustEvent } from '../events/payloads';
import type { DecisionRecord, MeetingRecord, TrustRecord } from '../machine/record/types';
import { activeMembers, memberOf } from '../machine/record/people';
import { keyLookup } from '../machine/record/append-log';
import type { RuleBreach, TrustRuleCode } from './errors';

const refuse = (code: TrustRuleCode, message: string, details: Record<string, unknown>): RuleBreach => ({
  code,
  message,
  details,
});

function memberBreach(r: TrustRecord, event: TrustEvent): RuleBreach | undefined {
  switch (event.type) {
    case 'MemberAppointed':
      return memberOf(r, event.data.memberId)
        ? refuse(
            'TRUST.MEMBER_ALREADY_APPOINTED',
            `Member ${event.data.memberId} is already on the record.`,
            { memberId: event.data.memberId },
          )
        : undefined;
    case 'MemberReplaced':
      if (memberOf(r, event.data.replacementMemberId)) {
        return refuse(
          'TRUST.MEMBER_ALREADY_APPOINTED',
          `Member ${event.data.replacementMemberId} is already on the record.`,
          {
            memberId: event.data.replacementMemberId,
          },
        );
      }
      return sitting(r, event.data.memberId);
    case 'MemberWithdrawn':
      return sitting(r, event.data.memberId);
    default:
      return undefined;
  }
}

function sitting(r: TrustRecord, memberId: string): RuleBreach | undefined {
  const member = memberOf(r, memberId);
  return member && member.until === null
    ? undefined
    : refuse('TRUST.MEMBER_NOT_FOUND', `No sitting member ${memberId}.`, { memberId });
}

function documentBreach(r: TrustRecord, event: TrustEvent): RuleBreach | undefined {
  if (event.type !== 'GovernanceDocumentSigned') return undefined;
  const { documentId, organisation } = event.data;
  const document = r.governanceDocuments[documentId];
  if (!document)
    return refuse('TRUST.DOCUMENT_NOT_ADOPTED', `Document ${documentId} has not been adopted.`, {
      documentId,
    });
  if (document.signatures[organisation]) {
    return refuse('TRUST.ALREADY_SIGNED', `${organisation} has already signed ${document.title}.`, {
      documentId,
      organisation,
    });
  }
  return activeMembers(r, event.data.occurredAt).some((m) => m.organisation === organisation)
    ? undefined
    : refuse(
        'TRUST.NOT_A_MEMBER_ORGANISATION',
        `${organisation} has no member on the trust, so cannot sign for it.`,
        { organisation },
      );
}

function milestoneBreach(r: TrustRecord, event: TrustEvent): RuleBreach | undefined {
  switch (event.type) {
    case 'MilestoneScheduled': {
      const { milestoneId, dependsOn } = event.data;
      if (r.milestones[milestoneId]) {
        return refuse('TRUST.MILESTONE_ALREADY_SCHEDULED', `Milestone ${milestoneId} is already scheduled.`, {
          milestoneId,
        });
      }
      const unknown = dependsOn.filter((id) => !r.milestones[id]);
      return unknown.length === 0
        ? undefined
        : refuse(
            'TRUST.MILESTONE_UNKNOWN_DEPENDENCY',
            `Milestone ${milestoneId} depends on unscheduled ${unknown.join(', ')}.`,
            {
              milestoneId,
              unknown,
            },
          );
    }
    case 'MilestoneRebaselined':
    case 'MilestoneCompleted': {
      const { milestoneId } = event.data;
      const milestone = r.milestones[milestoneId];
      if (!milestone)
        return refuse('TRUST.MILESTONE_NOT_FOUND', `No milestone ${milestoneId}.`, { milestoneId });
      return milestone.completedOn === null
        ? undefined
        : refuse(
            'TRUST.MILESTONE_ALREADY_COMPLETED',
            `Milestone ${milestoneId} was completed on ${milestone.completedOn}.`,
            {
              milestoneId,
            },
          );
    }
    default:
      return undefined;
  }
}

const meetingRecorded = keyLookup((m: MeetingRecord) => m.meetingId);
const decisionRecorded = keyLookup((d: DecisionRecord) => d.decisionId);
const hasMeeting = (r: TrustRecord, meetingId: string) => meetingRecorded(r.meetings, meetingId);

function businessBreach(r: TrustRecord, event: TrustEvent): RuleBreach | undefined {
  switch (event.type) {
    case 'MeetingHeld':
      return hasMeeting(r, event.data.meetingId)
        ? refuse('TRUST.MEETING_ALREADY_RECORDED', `Meeting ${event.data.meetingId} is already recorded.`, {
            meetingId: event.data.meetingId,
          })
        : undefined;
    case 'DecisionRecorded': {
      const { decisionId, meetingId } = event.data;
      if (decisionRecorded(r.decisions, decisionId)) {
        return refuse('TRUST.DECISION_ALREADY_RECORDED', `Decision ${decisionId} is already recorded.`, {
          decisionId,
        });
      }
      return meetingId === null || hasMeeting(r, meetingId)
        ? undefined
        : refuse(
            'TRUST.MEETING_NOT_FOUND',
            `Decision ${decisionId} cites meeting ${meetingId}, which is not recorded.`,
            { meetingId },
          );
    }
    case 'KeyIssueAgreed': {
      const { meetingId } = event.data;
      return meetingId === null || hasMeeting(r, meetingId)
        ? undefined
        : refuse('TRUST.MEETING_NOT_FOUND', `Meeting ${meetingId} is not recorded.`, { meetingId });
    }
    default:
      return undefined;
  }
}

function planBreach(r: TrustRecord, event: TrustEvent): RuleBreach | undefined {
  switch (event.type) {
    case 'PlanConsultationOpened':
    case 'LscbConsulted':
    case 'PlanApproved':
    case 'PlanPublished':
    case 'PlanAnnualReviewStarted':
    case 'PlanAnnualReviewCompleted':
      return r.plan === null || r.plan.planId === event.data.planId
        ? undefined
        : refuse(
            'TRUST.PLAN_NOT_FOUND',
            `Plan ${event.data.planId} is not the trust's current plan (${r.plan.planId}).`,
            {
              planId: event.data.planId,
            },
          );
    default:
      return undefined;
  }
}

export function referenceBreach(r: TrustRecord, event: TrustEvent): RuleBreach | undefined {
  return (
    memberBreach(r, event) ??
    documentBreach(r, event) ??
    milestoneBreach(r, event) ??
    businessBreach(r, event) ??
    planBreach(r, event)
  );
}
