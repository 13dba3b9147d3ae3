import { h, table, tag } from '../dom';
import { humanise, longDate } from '../format';
import type { AttendanceRow, KeyIssueState, TrustDocument, TrustRecords } from '../types';

const COLUMNS: Array<[KeyIssueState['status'], string]> = [
  ['open', 'Open'],
  ['proposed', 'Proposed to the board'],
  ['agreed', 'Agreed'],
];

/** The eight key issues as a board: open, proposed, agreed. */
export function keyIssuesBoard(doc: TrustDocument): HTMLElement {
  const issues = Object.entries(doc.trust.keyIssues);
  return h(
    'div',
    { class: 'board', id: 'key-issues-board' },
    COLUMNS.map(([status, title]) => {
      const inColumn = issues.filter(([, k]) => k.status === status);
      return h(
        'section',
        { class: `board__column board__column--${status}`, 'aria-label': `${title}: ${inColumn.length}` },
        h('h3', { class: 'board__title' }, `${title} (${inColumn.length})`),
        inColumn.length === 0
          ? h('p', { class: 'muted' }, 'None')
          : h(
              'ul',
              { class: 'board__cards' },
              inColumn.map(([id, k]) =>
                h(
                  'li',
                  { class: 'card', 'data-key-issue': id },
                  h('h4', { class: 'card__title' }, humanise(id)),
                  tag(title, `status-${status}`),
                  k.proposal ? h('p', { class: 'card__text' }, k.proposal) : null,
                  h(
                    'p',
                    { class: 'secondary' },
                    k.agreedOn
                      ? `Agreed ${longDate(k.agreedOn)}`
                      : k.proposedOn
                        ? `Proposed ${longDate(k.proposedOn)}`
                        : 'Not yet proposed',
                    k.reopenedOn ? `; reopened ${longDate(k.reopenedOn)}: ${k.reopenReason ?? ''}` : '',
                  ),
                ),
              ),
            ),
      );
    }),
  );
}

/** Who sits for each partner category, against the statutory list in force. */
export function membershipRegister(doc: TrustDocument): HTMLElement {
  const rows = [...doc.membershipRegister].sort(
    (a, b) =>
      Number(a.represented) - Number(b.represented) ||
      Number(b.statutory) - Number(a.statutory) ||
      a.partnerCategory.localeCompare(b.partnerCategory),
  );
  return table(
    'Membership register against the statutory partner list (missing statutory partners first)',
    ['Partner', 'Statutory', 'Represented', 'Organisation', 'Members (deputy)'],
    rows.map((r) => [
      humanise(r.partnerCategory),
      r.statutory ? 'Statutory' : 'Co-operation partner',
      r.represented
        ? tag('Represented', 'status-agreed')
        : r.statutory
          ? tag('Missing', 'status-missing')
          : tag('Not represented', 'status-open'),
      r.organisation ?? '—',
      r.seats.length === 0
        ? '—'
        : h(
            'ul',
            { class: 'compact-list' },
            r.seats.map((s) =>
              h(
                'li',
                {},
                `${s.person}, ${s.role}${s.deputy ? ` (deputy: ${s.deputy})` : ''}; since ${longDate(s.since)}`,
              ),
            ),
          ),
    ]),
  );
}

/**
 * Meetings held, newest first, and each member's attendance against their commitment. A trust with
 * a long record shows its most recently recorded meetings and says how many there are in all.
 */
export function meetingsAndAttendance(
  doc: TrustDocument,
  records: TrustRecords,
  attendance: AttendanceRow[],
): HTMLElement[] {
  const members = doc.trust.members;
  const who = (id: string) => members.find((m) => m.memberId === id)?.person ?? id;
  const meetings = [...records.meetings].sort((a, b) => b.heldOn.localeCompare(a.heldOn));
  const shown =
    doc.trust.meetingCount > meetings.length
      ? [
          h(
            'p',
            { class: 'body', id: 'meetings-shown' },
            `The ${meetings.length} most recently recorded of ${doc.trust.meetingCount} meetings.`,
          ),
        ]
      : [];
  return [
    ...shown,
    meetings.length === 0
      ? h('p', { class: 'body' }, 'No meetings recorded yet.')
      : table(
          'Meetings held, newest first',
          ['Date', 'Body', 'Present', 'Apologies', 'Quorate'],
          meetings.map((m) => [
            longDate(m.heldOn),
            humanise(m.body),
            m.attendees.map(who).join(', ') || '—',
            m.apologies.map(who).join(', ') || '—',
            m.quorumMet ? 'Yes' : 'No',
          ]),
        ),
    table(
      'Attendance against each member’s minimum commitment',
      ['Member', 'Organisation', 'Attended', 'Minimum', 'Status'],
      attendance.map((a) => [
        a.person,
        a.organisation,
        `${a.attended} of ${a.of}`,
        a.minimumAttendance === null ? '—' : String(a.minimumAttendance),
        a.belowMinimum ? tag('Below minimum', 'status-missing') : tag('Meets commitment', 'status-agreed'),
      ]),
    ),
  ];
}

/** Every decision, newest first, with its tier, lead agency and rationale. */
export function decisionLog(records: TrustRecords): HTMLElement {
  const decisions = [...records.decisions].sort((a, b) => b.decidedOn.localeCompare(a.decidedOn));
  if (decisions.length === 0) return h('p', { class: 'body' }, 'No decisions recorded yet.');
  return table(
    'Decision log, newest first',
    ['Decided', 'Decision', 'Tier', 'Lead agency', 'Takes effect', 'Rationale'],
    decisions.map((d) => [
      longDate(d.decidedOn),
      [d.title, h('span', { class: 'secondary' }, d.decisionId)],
      humanise(d.tier),
      d.leadAgency,
      longDate(d.effectiveFrom),
      d.rationale,
    ]),
  );
}
