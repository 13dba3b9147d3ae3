import { h } from '../dom';
import { humanise, londonToday } from '../format';
import type { TrustDocument, TrustRecords } from '../types';
import { commandForm, type FieldSpec, type FormContext, type Values } from './form-kit';

const TIERS = ['board', 'executive', 'implementation-group', 'sub-group'];
const IMPLEMENTATION = ['shadow', 'vesting', 'ready'];

const text = (v: Values, k: string) => String(v[k] ?? '');
const orNull = (v: Values, k: string) => text(v, k) || null;
const dated = (label = 'Date it happened'): FieldSpec => ({
  name: 'occurredAt',
  label,
  kind: 'date',
  value: londonToday(),
  hint: 'The day in England it happened, not the day you are recording it.',
});

/** The forms for the commands a programme office records most, offered when the trust allows them. */
export function commandForms(doc: TrustDocument, records: TrustRecords, ctx: FormContext): HTMLElement[] {
  const t = doc.trust;
  const allowed = new Set(doc.allowedCommands);
  const current = t.members.filter((m) => !m.until);
  const memberOptions = current.map((m): [string, string] => [m.memberId, `${m.person} (${m.organisation})`]);
  const notAgreed = Object.entries(t.keyIssues).filter(([, k]) => k.status !== 'agreed');
  const openMilestones = Object.values(t.milestones)
    .filter((m) => !m.completedOn)
    .sort((a, b) => a.forecastDue.localeCompare(b.forecastDue))
    .map((m): [string, string] => [m.milestoneId, m.title]);
  const meetings: Array<[string, string]> = [
    ['', 'Not taken at a meeting'],
    ...records.meetings.map((m): [string, string] => [m.meetingId, `${humanise(m.body)}, ${m.heldOn}`]),
  ];
  // The page lists the most recently recorded meetings; an earlier one is cited by its reference.
  const meetingFields: FieldSpec[] = [
    { name: 'meetingId', label: 'Meeting', kind: 'select', options: meetings, optional: true },
    ...(doc.trust.meetingCount > records.meetings.length
      ? [
          {
            name: 'earlierMeetingId',
            label: 'Or an earlier meeting’s reference',
            kind: 'text' as const,
            optional: true,
            hint: `The list holds the ${records.meetings.length} most recently recorded of ${doc.trust.meetingCount} meetings.`,
          },
        ]
      : []),
  ];
  const meetingOf = (v: Values) => orNull(v, 'earlierMeetingId') ?? orNull(v, 'meetingId');
  const forms: HTMLElement[] = [];

  if (allowed.has('RecordMeeting'))
    forms.push(
      commandForm(
        {
          id: 'record-meeting',
          title: 'Record a meeting and its attendance',
          submit: 'Record meeting',
          fields: [
            dated('Date of the meeting'),
            {
              name: 'body',
              label: 'Board or group',
              kind: 'text',
              value: t.trustBoard ? t.trustBoard.boardName : (t.implementationBoard?.boardName ?? ''),
            },
            {
              name: 'meetingId',
              label: 'Meeting reference',
              kind: 'text',
              hint: 'A short reference used in minutes and decisions, such as ib-2009-02-16.',
            },
            { name: 'attendees', label: 'Present', kind: 'checkboxes', options: memberOptions },
            { name: 'apologies', label: 'Sent apologies', kind: 'checkboxes', options: memberOptions },
            { name: 'quorumMet', label: 'The meeting was quorate', kind: 'checkbox' },
          ],
          path: () => '/meetings',
          body: (v) => ({
            occurredAt: text(v, 'occurredAt'),
            meetingId: text(v, 'meetingId'),
            body: text(v, 'body'),
            attendees: v.attendees,
            apologies: v.apologies,
            quorumMet: v.quorumMet === true,
          }),
        },
        ctx,
      ),
    );

  if (notAgreed.length > 0 && allowed.has('ProposeKeyIssue'))
    forms.push(
      commandForm(
        {
          id: 'propose-key-issue',
          title: 'Put a key issue to the board',
          submit: 'Record proposal',
          fields: [
            dated(),
            {
              name: 'keyIssue',
              label: 'Key issue',
              kind: 'select',
              options: notAgreed.map(([k]): [string, string] => [k, humanise(k)]),
            },
            { name: 'proposal', label: 'What the board is asked to agree', kind: 'textarea' },
          ],
          path: (v) => `/key-issues/${encodeURIComponent(text(v, 'keyIssue'))}/proposal`,
          body: (v) => ({ occurredAt: text(v, 'occurredAt'), proposal: text(v, 'proposal') }),
        },
        ctx,
      ),
    );

  if (notAgreed.length > 0 && allowed.has('AgreeKeyIssue'))
    forms.push(
      commandForm(
        {
          id: 'agree-key-issue',
          title: 'Agree a key issue',
          intro: 'A key issue is agreed once it has been proposed to the implementation board.',
          submit: 'Record agreement',
          fields: [
            dated('Date agreed'),
            {
              name: 'keyIssue',
              label: 'Key issue',
              kind: 'select',
              options: notAgreed.map(([k, s]): [string, string] => [k, `${humanise(k)} (${s.status})`]),
            },
            { name: 'summary', label: 'What was agreed', kind: 'textarea', optional: true },
            ...meetingFields,
          ],
          path: (v) => `/key-issues/${encodeURIComponent(text(v, 'keyIssue'))}/agreement`,
          body: (v) => ({
            occurredAt: text(v, 'occurredAt'),
            summary: orNull(v, 'summary'),
            meetingId: meetingOf(v),
          }),
        },
        ctx,
      ),
    );

  if (openMilestones.length > 0 && allowed.has('CompleteMilestone'))
    forms.push(
      commandForm(
        {
          id: 'complete-milestone',
          title: 'Complete a milestone',
          submit: 'Record completion',
          fields: [
            dated('Date completed'),
            { name: 'milestoneId', label: 'Milestone', kind: 'select', options: openMilestones },
            { name: 'note', label: 'Note', kind: 'textarea', optional: true },
          ],
          path: (v) => `/milestones/${encodeURIComponent(text(v, 'milestoneId'))}/completion`,
          body: (v) => ({ occurredAt: text(v, 'occurredAt'), note: orNull(v, 'note') }),
        },
        ctx,
      ),
    );

  if (openMilestones.length > 0 && allowed.has('RebaselineMilestone'))
    forms.push(
      commandForm(
        {
          id: 'rebaseline-milestone',
          title: 'Change a milestone’s forecast date',
          submit: 'Record new date',
          fields: [
            dated('Date the change was approved'),
            { name: 'milestoneId', label: 'Milestone', kind: 'select', options: openMilestones },
            { name: 'newDue', label: 'New forecast date', kind: 'date' },
            { name: 'reason', label: 'Reason', kind: 'textarea' },
            { name: 'approvedBy', label: 'Approved by', kind: 'text' },
          ],
          path: (v) => `/milestones/${encodeURIComponent(text(v, 'milestoneId'))}/rebaseline`,
          body: (v) => ({
            occurredAt: text(v, 'occurredAt'),
            newDue: text(v, 'newDue'),
            reason: text(v, 'reason'),
            approvedBy: text(v, 'approvedBy'),
          }),
        },
        ctx,
      ),
    );

  if (allowed.has('RecordDecision'))
    forms.push(
      commandForm(
        {
          id: 'record-decision',
          title: 'Record a decision',
          submit: 'Record decision',
          fields: [
            dated('Date decided'),
            { name: 'decisionId', label: 'Decision reference', kind: 'text', hint: 'Such as d-2009-014.' },
            { name: 'title', label: 'Decision', kind: 'text' },
            {
              name: 'tier',
              label: 'Tier',
              kind: 'select',
              options: TIERS.map((x): [string, string] => [x, humanise(x)]),
            },
            {
              name: 'leadAgency',
              label: 'Lead agency',
              kind: 'text',
              hint: 'The agency that enacts it through its own decision process.',
            },
            { name: 'rationale', label: 'Rationale', kind: 'textarea' },
            ...meetingFields,
            { name: 'effectiveFrom', label: 'Takes effect from', kind: 'date' },
          ],
          path: () => '/decisions',
          body: (v) => ({
            occurredAt: text(v, 'occurredAt'),
            decisionId: text(v, 'decisionId'),
            title: text(v, 'title'),
            tier: text(v, 'tier'),
            leadAgency: text(v, 'leadAgency'),
            rationale: text(v, 'rationale'),
            meetingId: meetingOf(v),
            effectiveFrom: text(v, 'effectiveFrom'),
          }),
        },
        ctx,
      ),
    );

  // Offered through the implementation phases even when not yet allowed: the refusal says what is open.
  if (IMPLEMENTATION.includes(t.phase))
    forms.push(
      commandForm(
        {
          id: 'inaugurate-board',
          title: 'Inaugurate the full Children’s Trust Board',
          intro:
            'The service checks the rules when you submit: every key issue agreed, governance documents signed, statutory partners seated.',
          submit: 'Record inauguration',
          fields: [
            dated('Date of inauguration'),
            {
              name: 'boardName',
              label: 'Board name',
              kind: 'text',
              value: t.name.replace(/Children's Trust$/, "Children's Trust Board"),
            },
            { name: 'chair', label: 'Chair', kind: 'text' },
          ],
          path: () => '/inauguration',
          body: (v) => ({
            occurredAt: text(v, 'occurredAt'),
            boardName: text(v, 'boardName'),
            chair: text(v, 'chair'),
          }),
        },
        ctx,
      ),
    );

  return forms.length > 0
    ? forms
    : [h('p', { class: 'body' }, 'Nothing can be recorded on this trust in its current phase.')];
}
