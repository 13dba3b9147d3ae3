/** The API's JSON as the UI reads it (see libs/trusts, libs/projections and libs/audit). */
export type Rag = 'red' | 'amber' | 'green';

export interface PortfolioRow {
  trustId: string;
  authority: string;
  name: string;
  phase: string;
  rag: Rag;
  overdueMilestones: number;
  nextDue: { milestoneId: string; title: string; due: string } | null;
  keyIssuesOpen: string[];
  statutoryPartnersMissing: string[];
}

export interface Milestone {
  milestoneId: string;
  title: string;
  owner: string;
  phase?: string | null;
  gate?: string | null;
  baselineDue: string;
  forecastDue: string;
  completedOn: string | null;
  dependsOn: string[];
  scheduledOn?: string;
}

export interface TimelineRow extends Milestone {
  slippageDays: number;
  rag: Rag;
  ragReason: string;
  critical: boolean;
}

export interface Timeline {
  trustId: string;
  today: string;
  milestones: TimelineRow[];
  criticalPath: string[];
}

export interface KeyIssueState {
  status: 'open' | 'proposed' | 'agreed';
  proposal: string | null;
  proposedOn: string | null;
  agreedOn: string | null;
  summary: string | null;
  reopenedOn: string | null;
  reopenReason: string | null;
}

export interface Member {
  memberId: string;
  person: string;
  role: string;
  organisation: string;
  partnerCategory: string;
  deputy: string | null;
  minimumAttendance: number | null;
  since: string;
  until: string | null;
}

export interface Meeting {
  meetingId: string;
  body: string;
  heldOn: string;
  attendees: string[];
  apologies: string[];
  quorumMet: boolean;
}

export interface Decision {
  decisionId: string;
  title: string;
  tier: string;
  leadAgency: string;
  rationale: string;
  meetingId: string | null;
  effectiveFrom: string;
  decidedOn: string;
}

export interface RegisterEntry {
  partnerCategory: string;
  organisation: string | null;
  statutory: boolean;
  represented: boolean;
  seats: Array<{ memberId: string; person: string; role: string; deputy: string | null; since: string }>;
}

export type StateValue = string | { [key: string]: StateValue };

export interface TrustView {
  revision: number;
  trustId: string;
  authority: string;
  name: string;
  phase: string;
  planStage: string | null;
  governanceModel: string;
  newAuthority: boolean;
  vestingDay: string | null;
  proposedOn: string | null;
  approvedOn: string | null;
  implementationBoard: { boardName: string; chair: string; convenedOn: string } | null;
  trustBoard: { boardName: string; chair: string; inauguratedOn: string } | null;
  keyIssues: Record<string, KeyIssueState>;
  members: Member[];
  milestones: Record<string, Milestone>;
  /** How many the trust has recorded: they are listed apart (see `TrustRecords`). */
  meetingCount: number;
  decisionCount: number;
  lastOccurredOn: string | null;
  lifecycleState: StateValue;
}

/** A trust's meetings (the most recently recorded, of the trust's `meetingCount`) and its decision log. */
export interface TrustRecords {
  meetings: Meeting[];
  decisions: Decision[];
}

export interface TrustDocument {
  revision: number;
  trust: TrustView;
  membershipRegister: RegisterEntry[];
  allowedCommands: string[];
}

export interface AttendanceRow {
  memberId: string;
  person: string;
  organisation: string;
  attended: number;
  of: number;
  minimumAttendance: number | null;
  belowMinimum: boolean;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: unknown;
}

/** `GET /trusts/:trustId/reminders` (see libs/reminders). */
export interface UpcomingReminder {
  scheduleId: string;
  rule: string;
  subjectId: string;
  subjectTitle: string;
  subjectDate: string;
  /** Days before the subject date; negative after it. */
  leadDays: number;
  nextOn: string;
  nextAt: string;
  everyDays: number | null;
  recipients: string[];
}

export interface ReminderDelivery {
  deliveryId: string;
  channel: string;
  target: string;
  status: 'pending' | 'delivered' | 'failed' | 'abandoned';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
}

export interface IssuedReminder {
  key: string;
  rule: string;
  subjectId: string;
  subjectTitle: string;
  subjectDate: string;
  occurrence: string;
  issuedAt: string;
  recipients: Array<{ contact: string; addresses: string[] }>;
  unaddressed: string[];
  escalated: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgedByName: string | null;
  acknowledgedNote: string | null;
  snoozedUntil: string | null;
  snoozeNote: string | null;
  deliveries: ReminderDelivery[];
}

export interface ReminderSettings {
  enabled: boolean;
  milestoneLeadDays: number[];
  overdueEveryDays: number;
  keyIssuesReviewMonths: number;
  deadlineLeadDays: number[];
  vestingCountdownDays: number[];
  annualReviewMonths: number;
  decisionEffectiveLeadDays: number[];
  escalateAfterUnanswered: number;
  sendHour: number;
  contacts: Record<string, string[]>;
  webhooks: string[];
}

export interface TrustReminders {
  trustId: string;
  /** The delivery channels the server has set up: without 'email', nobody is e-mailed. */
  channels: Array<'email' | 'webhook'>;
  upcoming: UpcomingReminder[];
  issued: IssuedReminder[];
  settings: ReminderSettings;
}
