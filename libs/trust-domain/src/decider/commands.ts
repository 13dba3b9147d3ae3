/**
 * Commands: imperative, plain data, one per event type (the data is the event's payload, so a
 * command says exactly what the user claims happened and on which day), plus ScheduleProgramme,
 * which schedules a whole programme of milestones (what a template produces) in one go.
 */
import type { CalendarDate, MilestoneSpec, TrustEventType } from '../vocabulary';
import type { TrustEvent, TrustEventDataMap } from '../events/payloads';

export const COMMAND_EVENT = {
  ProposeTrust: 'TrustProposed',
  GiveApprovalToProceed: 'ApprovalToProceedGiven',
  AppointFacilitator: 'FacilitatorAppointed',
  RecordDirectorOfChildrensServicesInPost: 'DirectorOfChildrensServicesInPost',
  ConveneImplementationBoard: 'ImplementationBoardConvened',
  AppointMember: 'MemberAppointed',
  ReplaceMember: 'MemberReplaced',
  WithdrawMember: 'MemberWithdrawn',
  ProposeKeyIssue: 'KeyIssueProposed',
  AgreeKeyIssue: 'KeyIssueAgreed',
  ReopenKeyIssue: 'KeyIssueReopened',
  RecordVestingDay: 'VestingDayReached',
  EstablishBusinessUnit: 'BusinessUnitEstablished',
  AdoptGovernanceDocument: 'GovernanceDocumentAdopted',
  SignGovernanceDocument: 'GovernanceDocumentSigned',
  InaugurateBoard: 'BoardInaugurated',
  RecordMeeting: 'MeetingHeld',
  RecordDecision: 'DecisionRecorded',
  ScheduleMilestone: 'MilestoneScheduled',
  RebaselineMilestone: 'MilestoneRebaselined',
  CompleteMilestone: 'MilestoneCompleted',
  DraftPlan: 'PlanDrafted',
  OpenPlanConsultation: 'PlanConsultationOpened',
  ConsultLscb: 'LscbConsulted',
  ApprovePlan: 'PlanApproved',
  PublishPlan: 'PlanPublished',
  StartPlanAnnualReview: 'PlanAnnualReviewStarted',
  CompletePlanAnnualReview: 'PlanAnnualReviewCompleted',
  StartTrustReview: 'TrustReviewStarted',
  RecordReviewOutcome: 'TrustReviewOutcomeRecorded',
} as const satisfies Record<string, TrustEventType>;

export type SingleEventCommandType = keyof typeof COMMAND_EVENT;

export interface ScheduleProgrammeData {
  occurredAt: CalendarDate;
  milestones: MilestoneSpec[];
}

export type TrustCommand =
  | {
      [C in SingleEventCommandType]: { type: C; data: TrustEventDataMap[(typeof COMMAND_EVENT)[C]] };
    }[SingleEventCommandType]
  | { type: 'ScheduleProgramme'; data: ScheduleProgrammeData };

export type TrustCommandType = TrustCommand['type'];

export const TRUST_COMMAND_TYPES: readonly TrustCommandType[] = [
  ...(Object.keys(COMMAND_EVENT) as SingleEventCommandType[]),
  'ScheduleProgramme',
];

/** The event types a command type can produce (the API's "next steps" are worked out from these). */
export function eventTypeOf(type: TrustCommandType): TrustEventType {
  return type === 'ScheduleProgramme' ? 'MilestoneScheduled' : COMMAND_EVENT[type];
}

/** What the command claims happened, as events (not yet checked against any rule). */
export function eventsOf(command: TrustCommand): TrustEvent[] {
  if (command.type === 'ScheduleProgramme') {
    const { occurredAt, milestones } = command.data;
    return milestones.map((spec) => ({ type: 'MilestoneScheduled', data: { ...spec, occurredAt } }));
  }
  return [{ type: COMMAND_EVENT[command.type], data: { ...command.data } } as TrustEvent];
}
