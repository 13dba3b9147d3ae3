import { h, summaryRow, tag } from '../dom';
import { daysBetween, humanise, listOf, londonDateTime, plural } from '../format';
import type { IssuedReminder, ReminderDelivery } from '../types';
import { acknowledgeForm, snoozeForm } from './reminder-forms';
import { aboutText, contactName, moreButton, whatText } from './reminder-text';

export interface IssuedActions {
  done: (message: string) => Promise<void>;
  more: () => void;
}

/** The reminders sent, newest first: one card each, with its state in words and its actions. */
export function issuedList(
  issued: IssuedReminder[],
  shown: number,
  mayManage: boolean,
  actions: IssuedActions,
): HTMLElement {
  if (issued.length === 0)
    return h(
      'p',
      { class: 'body', id: 'reminders-issued' },
      'No reminders have been sent for this trust yet.',
    );
  return h(
    'div',
    { id: 'reminders-issued' },
    h(
      'ul',
      { class: 'reminder-list', 'aria-labelledby': 'reminders-issued-title' },
      issued.slice(0, shown).map((r, i) => issuedCard(r, i, mayManage, actions)),
    ),
    moreButton(issued.length - shown, 'sent reminders', 'reminders-issued', actions.more),
  );
}

function stateTag(r: IssuedReminder): HTMLElement {
  if (r.acknowledgedAt) return tag('Acknowledged', 'status-agreed');
  if (r.snoozedUntil && Date.parse(r.snoozedUntil) > Date.now()) return tag('Snoozed', 'status-proposed');
  return tag('Not acknowledged', 'status-open');
}

function issuedCard(r: IssuedReminder, i: number, mayManage: boolean, actions: IssuedActions): HTMLElement {
  const told = r.recipients.filter((x) => x.addresses.length > 0);
  return h(
    'li',
    { class: 'reminder', 'data-reminder': r.key },
    h(
      'h4',
      { class: 'reminder__title', tabindex: -1, 'data-issued-index': i },
      `${whatText(r.rule, daysBefore(r))}: ${r.subjectTitle}`,
    ),
    stateTag(r),
    h(
      'dl',
      { class: 'summary-list reminder__facts' },
      summaryRow('Sent', londonDateTime(r.issuedAt)),
      summaryRow('About', aboutText(r.subjectTitle, r.rule, r.subjectDate)),
      summaryRow(
        'Who was told',
        told.length > 0
          ? h(
              'ul',
              { class: 'compact-list' },
              told.map((x) => h('li', {}, `${contactName(x.contact)}: ${x.addresses.join(', ')}`)),
            )
          : 'Nobody: no contact has an address',
      ),
      r.unaddressed.length > 0
        ? summaryRow('No address for', `${listOf(r.unaddressed.map(contactName))} (shown here only)`)
        : null,
      summaryRow(
        'Copied to the DCS',
        r.escalated ? 'Yes, escalated: earlier reminders went unanswered' : 'No',
      ),
      summaryRow('Delivery', deliveries(r.deliveries)),
      summaryRow(
        'Acknowledged',
        r.acknowledgedAt
          ? `Acknowledged by ${r.acknowledgedByName ?? r.acknowledgedBy ?? 'unknown'} on ${londonDateTime(r.acknowledgedAt)}` +
              (r.acknowledgedNote ? `: “${r.acknowledgedNote}”` : '')
          : 'Not yet',
      ),
      r.snoozedUntil
        ? summaryRow(
            'Snoozed until',
            londonDateTime(r.snoozedUntil) + (r.snoozeNote ? `: “${r.snoozeNote}”` : ''),
          )
        : null,
    ),
    mayManage && !r.acknowledgedAt
      ? h(
          'div',
          { class: 'reminder__actions' },
          acknowledgeForm(r, `acknowledge-${i}`, actions.done),
          snoozeForm(r, `snooze-${i}`, actions.done),
        )
      : null,
  );
}

/** The lead in days of an issued occurrence: its subject date less the day it fell due. */
function daysBefore(r: IssuedReminder): number {
  if (r.rule.endsWith('-overdue')) return -1;
  return daysBetween(r.occurrence, r.subjectDate);
}

const CHANNELS: Record<string, string> = { email: 'E-mail', webhook: 'Webhook' };

export function deliveryText(d: ReminderDelivery): string {
  const why = d.lastError ? ` (${d.lastError})` : '';
  switch (d.status) {
    case 'delivered':
      return 'delivered';
    case 'failed':
      return d.nextAttemptAt
        ? `failed${why}, retrying at ${londonDateTime(d.nextAttemptAt)}`
        : `failed${why}, no more attempts`;
    case 'abandoned':
      return `gave up after ${plural(d.attempts, 'attempt')}${why}`;
    case 'pending':
      return d.attempts > 0 ? 'sending' : 'waiting to be sent';
  }
}

function deliveries(list: ReminderDelivery[]): HTMLElement | string {
  if (list.length === 0) return 'Not sent by any channel';
  return h(
    'ul',
    { class: 'compact-list' },
    list.map((d) =>
      h(
        'li',
        { class: `delivery delivery--${d.status}`, 'data-channel': d.channel },
        `${CHANNELS[d.channel] ?? humanise(d.channel)} to ${d.target}: `,
        h('strong', {}, deliveryText(d)),
      ),
    ),
  );
}
