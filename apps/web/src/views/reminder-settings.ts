import { request } from '../api';
import { enc } from '../data';
import { h, summaryRow, table } from '../dom';
import { listOf, plural } from '../format';
import type { ReminderSettings } from '../types';
import { fieldProblem } from './form-kit';
import { reminderForm } from './reminder-forms';
import { contactName } from './reminder-text';

const daysList = (days: number[]) =>
  days.length === 0 ? 'none' : `${listOf([...days].sort((a, b) => b - a).map(String))} days before`;

/** The trust’s lead times, escalation, send hour, webhooks and contacts, as they are now. */
export function settingsSummary(s: ReminderSettings): HTMLElement[] {
  const contacts = Object.entries(s.contacts);
  return [
    h(
      'dl',
      { class: 'summary-list', id: 'reminder-settings' },
      summaryRow('Reminders', s.enabled ? 'On' : 'Off: no new reminders are sent'),
      summaryRow(
        'Milestones',
        `${daysList(s.milestoneLeadDays)} the due date, then every ${plural(s.overdueEveryDays, 'day')} while overdue`,
      ),
      summaryRow(
        'Key issues review',
        `${s.keyIssuesReviewMonths} months after the implementation board convened; ${daysList(s.deadlineLeadDays)}`,
      ),
      summaryRow('Vesting day', daysList(s.vestingCountdownDays)),
      summaryRow(
        'Annual review of the plan',
        `Every ${s.annualReviewMonths} months; ${daysList(s.deadlineLeadDays)}`,
      ),
      summaryRow(
        'Decisions taking effect',
        s.decisionEffectiveLeadDays
          .map((d) => (d === 0 ? 'on the day' : `${plural(d, 'day')} before`))
          .join(', ') || 'none',
      ),
      summaryRow(
        'Copied to the DCS',
        `After ${plural(s.escalateAfterUnanswered, 'unanswered reminder')} about the same thing`,
      ),
      summaryRow('Sent at', `${String(s.sendHour).padStart(2, '0')}:00 UK time`),
      summaryRow('Webhooks', s.webhooks.length > 0 ? s.webhooks.join(', ') : 'None'),
    ),
    contacts.length > 0
      ? table(
          'Contacts',
          ['Contact', 'E-mail addresses'],
          contacts.map(([c, a]) => [contactName(c), a.length > 0 ? a.join(', ') : 'None']),
        )
      : h(
          'p',
          { class: 'body', id: 'reminder-contacts' },
          'No contacts have addresses yet, so reminders are shown here only.',
        ),
  ];
}

const daysText = (days: number[]) => days.join(', ');

/** Whole numbers from "14, 7, 1"; anything else is sent as typed so the API's message names it. */
function parseDays(text: string): unknown[] {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const parseNumber = (text: string): unknown => (/^\d+$/.test(text) ? Number(text) : text);

/** "name: a@x, b@y" per line → { name: [a@x, b@y] }. */
function parseContacts(text: string): Record<string, string[]> {
  const contacts: Record<string, string[]> = {};
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line) continue;
    const colon = line.lastIndexOf(':');
    if (colon <= 0)
      throw fieldProblem(
        'contacts',
        `Put a colon between the contact and its addresses, as in "dcs: ${'name@council.gov.uk'}" (line "${line}")`,
      );
    contacts[line.slice(0, colon).trim()] = line
      .slice(colon + 1)
      .split(/[\s,;]+/)
      .filter(Boolean);
  }
  return contacts;
}

const contactsText = (contacts: Record<string, string[]>) =>
  Object.entries(contacts)
    .map(([name, addresses]) => `${name}: ${addresses.join(', ')}`)
    .join('\n');

/** Changes the lead times, escalation, send hour and contacts (the others keep their values). */
export function settingsForm(
  trustId: string,
  s: ReminderSettings,
  done: (message: string) => Promise<void>,
): HTMLElement {
  return reminderForm({
    id: 'reminder-settings-form',
    title: 'Change reminder settings',
    submit: 'Save reminder settings',
    fields: [
      {
        name: 'milestoneLeadDays',
        label: 'Remind before a milestone is due (days)',
        kind: 'text',
        short: true,
        value: daysText(s.milestoneLeadDays),
        hint: 'Whole days, separated by commas, such as 14, 7, 1.',
      },
      {
        name: 'deadlineLeadDays',
        label: 'Remind before a deadline (days)',
        kind: 'text',
        short: true,
        value: daysText(s.deadlineLeadDays),
      },
      {
        name: 'overdueEveryDays',
        label: 'While overdue, remind every (days)',
        kind: 'number',
        value: String(s.overdueEveryDays),
      },
      {
        name: 'escalateAfterUnanswered',
        label: 'Copy in the DCS after this many unanswered reminders',
        kind: 'number',
        value: String(s.escalateAfterUnanswered),
      },
      {
        name: 'sendHour',
        label: 'Hour of the day reminders go out (0 to 23, UK time)',
        kind: 'number',
        value: String(s.sendHour),
      },
      {
        name: 'contacts',
        label: 'Contacts',
        kind: 'textarea',
        rows: 5,
        value: contactsText(s.contacts),
        hint: 'One a line: a milestone owner as the programme names them, programme-manager or dcs, a colon, then e-mail addresses separated by commas.',
      },
    ],
    // Text fields only: every value is a string.
    send: (values) => {
      const v = values as Record<string, string>;
      return request(`/trusts/${enc(trustId)}/reminder-settings`, {
        method: 'PUT',
        body: JSON.stringify({
          milestoneLeadDays: parseDays(v.milestoneLeadDays),
          deadlineLeadDays: parseDays(v.deadlineLeadDays),
          overdueEveryDays: parseNumber(v.overdueEveryDays),
          escalateAfterUnanswered: parseNumber(v.escalateAfterUnanswered),
          sendHour: parseNumber(v.sendHour),
          contacts: parseContacts(v.contacts),
        }),
      });
    },
    done: () => done('Reminder settings saved.'),
  });
}
