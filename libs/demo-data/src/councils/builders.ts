import {
  KEY_ISSUES,
  findTemplate,
  instantiateTemplate,
  type KeyIssue,
  type PartnerCategory,
  type TrustCommand,
} from '@trustworks/trust-domain';

/** A council's demo programme: the trust to create and the commands that walk it, in order. */
export interface DemoCouncil {
  trustId: string;
  authority: string;
  /** What the seed paper is, for the log and the UI. */
  source: string;
  commands: TrustCommand[];
}

export type Seat = [
  memberId: string,
  person: string,
  role: string,
  organisation: string,
  category: PartnerCategory,
];

export function appointAll(seats: Seat[], occurredAt: string): TrustCommand[] {
  return seats.map(([memberId, person, role, organisation, partnerCategory]) => ({
    type: 'AppointMember',
    data: {
      memberId,
      person,
      role,
      organisation,
      partnerCategory,
      deputy: `Deputy ${role}`,
      minimumAttendance: 4,
      occurredAt,
    },
  }));
}

export function meeting(
  meetingId: string,
  body: string,
  occurredAt: string,
  attendees: string[],
  apologies: string[] = [],
): TrustCommand {
  return {
    type: 'RecordMeeting',
    data: { meetingId, body, attendees, apologies, quorumMet: true, occurredAt },
  };
}

export function proposeKeyIssues(issues: readonly KeyIssue[], occurredAt: string): TrustCommand[] {
  return issues.map((keyIssue) => ({
    type: 'ProposeKeyIssue',
    data: {
      keyIssue,
      proposal: `Options on ${keyIssue.replace(/-/g, ' ')} put to the implementation board`,
      occurredAt,
    },
  }));
}

export function agreeKeyIssues(
  issues: readonly KeyIssue[],
  occurredAt: string,
  meetingId: string,
): TrustCommand[] {
  return issues.map((keyIssue) => ({
    type: 'AgreeKeyIssue',
    data: { keyIssue, summary: null, meetingId, occurredAt },
  }));
}

export const ALL_KEY_ISSUES = KEY_ISSUES;

export function scheduleTemplate(
  templateId: string,
  anchors: Record<string, string>,
  occurredAt: string,
): TrustCommand {
  const template = findTemplate(templateId);
  if (!template) throw new Error(`demo data names an unknown template ${templateId}`);
  return {
    type: 'ScheduleProgramme',
    data: { occurredAt, milestones: instantiateTemplate(template, anchors) },
  };
}
