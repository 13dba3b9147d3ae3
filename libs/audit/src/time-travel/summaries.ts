import type { TrustEvent } from '@trustworks/trust-domain';

/** One line a committee member can read, for each kind of event. Exhaustive over the catalogue. */
export function summarise(event: TrustEvent): string {
  switch (event.type) {
    case 'TrustProposed':
      return `${event.data.name} proposed for ${event.data.authority} (${event.data.governanceModel})`;
    case 'ApprovalToProceedGiven':
      return `Approval to proceed given by ${event.data.approvedBy}`;
    case 'FacilitatorAppointed':
      return `${event.data.person} appointed facilitator (${event.data.role})`;
    case 'DirectorOfChildrensServicesInPost':
      return `${event.data.person} in post as Director of Children's Services`;
    case 'ImplementationBoardConvened':
      return `${event.data.boardName} convened, chaired by ${event.data.chair}`;
    case 'MemberAppointed':
      return `${event.data.person} (${event.data.organisation}) appointed as ${event.data.partnerCategory} member`;
    case 'MemberReplaced':
      return `Member ${event.data.memberId} replaced by ${event.data.person}`;
    case 'MemberWithdrawn':
      return `Member ${event.data.memberId} withdrawn${event.data.reason ? `: ${event.data.reason}` : ''}`;
    case 'KeyIssueProposed':
      return `Key issue "${event.data.keyIssue}" proposed: ${event.data.proposal}`;
    case 'KeyIssueAgreed':
      return `Key issue "${event.data.keyIssue}" agreed${event.data.meetingId ? ` at ${event.data.meetingId}` : ''}`;
    case 'KeyIssueReopened':
      return `Key issue "${event.data.keyIssue}" reopened: ${event.data.reason}`;
    case 'VestingDayReached':
      return 'Vesting day reached';
    case 'BusinessUnitEstablished':
      return `Business unit established${event.data.manager ? `, managed by ${event.data.manager}` : ''}`;
    case 'GovernanceDocumentAdopted':
      return `${event.data.title} (${event.data.kind}, v${event.data.version}) adopted`;
    case 'GovernanceDocumentSigned':
      return `${event.data.documentId} signed for ${event.data.organisation} by ${event.data.signedBy}`;
    case 'BoardInaugurated':
      return `${event.data.boardName} inaugurated, chaired by ${event.data.chair}`;
    default:
      return summariseLater(event);
  }
}

function summariseLater(event: TrustEvent): string {
  switch (event.type) {
    case 'MeetingHeld':
      return `Meeting ${event.data.meetingId} of ${event.data.body} held (${event.data.attendees.length} attended${event.data.quorumMet ? '' : ', not quorate'})`;
    case 'DecisionRecorded':
      return `Decision "${event.data.title}" (${event.data.tier}, lead: ${event.data.leadAgency}) effective ${event.data.effectiveFrom}`;
    case 'MilestoneScheduled':
      return `Milestone "${event.data.title}" scheduled, due ${event.data.baselineDue}`;
    case 'MilestoneRebaselined':
      return `Milestone ${event.data.milestoneId} moved to ${event.data.newDue}: ${event.data.reason}`;
    case 'MilestoneCompleted':
      return `Milestone ${event.data.milestoneId} completed`;
    case 'PlanDrafted':
      return `Plan "${event.data.title}" (${event.data.period}) drafted`;
    case 'PlanConsultationOpened':
      return `Consultation on ${event.data.planId} opened${event.data.closesOn ? `, closing ${event.data.closesOn}` : ''}`;
    case 'LscbConsulted':
      return `LSCB consulted on ${event.data.planId}${event.data.response ? `: ${event.data.response}` : ''}`;
    case 'PlanApproved':
      return `Plan ${event.data.planId} approved by ${event.data.approvedBy}`;
    case 'PlanPublished':
      return `Plan ${event.data.planId} published`;
    case 'PlanAnnualReviewStarted':
      return `Annual review ${event.data.reviewYear} of ${event.data.planId} started`;
    case 'PlanAnnualReviewCompleted':
      return `Annual review of ${event.data.planId} completed`;
    case 'TrustReviewStarted':
      return `Trust review started${event.data.reason ? `: ${event.data.reason}` : ''}`;
    case 'TrustReviewOutcomeRecorded':
      return `Trust review outcome: ${event.data.outcome}`;
    default:
      return `${(event as { type: string }).type} recorded`;
  }
}
