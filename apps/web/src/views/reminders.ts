import { ApiProblem, optional } from '../api';
import { enc } from '../data';
import { clear, h, table } from '../dom';
import { humanise, londonDateTime, plural } from '../format';
import type { ReminderSettings, TrustReminders, UpcomingReminder } from '../types';
import { issuedList } from './reminder-issued';
import { settingsForm, settingsSummary } from './reminder-settings';
import { MORE, RULES, aboutText, contactName, moreButton, whatText } from './reminder-text';

const UPCOMING_FIRST = 5;
const ISSUED_FIRST = 5;

export type RemindersLoad = { data: TrustReminders } | { error: string } | { unavailable: true };

export async function loadReminders(trustId: string): Promise<RemindersLoad> {
  try {
    const data = await optional<TrustReminders>(`/trusts/${enc(trustId)}/reminders`);
    return data ? { data } : { unavailable: true };
  } catch (e) {
    return { error: e instanceof ApiProblem ? e.message : 'The reminders could not be read.' };
  }
}

export interface RemindersPanel {
  element: HTMLElement;
  /** Reads the reminders again, unless one of the panel's own forms is open. */
  refresh(): Promise<void>;
}

interface View {
  trustId: string;
  mayManage: boolean;
  load: RemindersLoad;
  upcomingShown: number;
  issuedShown: number;
}

/**
 * The trust's reminders: what goes out next and to whom, what was sent and what became of it, and
 * (for a programme manager) acknowledge, snooze and the settings. Times are shown in England's time.
 */
export function remindersPanel(trustId: string, first: RemindersLoad, mayManage: boolean): RemindersPanel {
  const view: View = {
    trustId,
    mayManage,
    load: first,
    upcomingShown: UPCOMING_FIRST,
    issuedShown: ISSUED_FIRST,
  };
  const notice = h('div', { id: 'reminders-notice', role: 'status', 'aria-live': 'polite' });
  const body = h('div', { id: 'reminders-body' });
  const render = (focus?: string) => {
    clear(body);
    body.append(...content(view, { done, more }));
    if (focus) (body.querySelector(focus) as HTMLElement | null)?.focus();
  };
  const reload = async () => {
    view.load = await loadReminders(trustId);
  };
  const done = async (message: string) => {
    await reload();
    render();
    clear(notice);
    notice.append(h('p', { class: 'notice notice--ok', tabindex: -1, id: 'reminders-done' }, message));
    (notice.firstChild as HTMLElement).focus();
  };
  const more = (list: 'upcoming' | 'issued') => {
    const shown = list === 'upcoming' ? view.upcomingShown : view.issuedShown;
    if (list === 'upcoming') view.upcomingShown += MORE;
    else view.issuedShown += MORE;
    render(`[data-${list}-index="${shown}"]`);
  };
  render();
  const element = h(
    'div',
    { id: 'reminders-panel' },
    h(
      'p',
      { class: 'field__hint' },
      'Reminders go out by e-mail and webhook at the send hour. Dates and times are UK time (Europe/London).',
    ),
    notice,
    body,
  );
  return {
    element,
    refresh: async () => {
      if (element.querySelector('details.form-panel[open]')) return;
      await reload();
      if (!element.querySelector('details.form-panel[open]')) render();
    },
  };
}

interface Actions {
  done: (message: string) => Promise<void>;
  more: (list: 'upcoming' | 'issued') => void;
}

function content(view: View, actions: Actions): HTMLElement[] {
  const load = view.load;
  if ('unavailable' in load) return [h('p', { class: 'body' }, 'This service does not offer reminders yet.')];
  if ('error' in load)
    return [
      h(
        'p',
        { class: 'notice notice--bad', role: 'alert' },
        `The reminders could not be read: ${load.error}`,
      ),
    ];
  const { upcoming, issued, settings, channels } = load.data;
  return [
    channels.includes('email')
      ? null
      : h(
          'p',
          { class: 'notice', id: 'reminders-no-email' },
          'E-mail is not set up on this server: reminders are issued and shown here, but nobody is e-mailed.',
        ),
    h('h3', { class: 'heading-s', id: 'reminders-upcoming-title' }, 'Coming up'),
    upcomingList(upcoming, settings, view.upcomingShown, () => actions.more('upcoming')),
    h('h3', { class: 'heading-s', id: 'reminders-issued-title' }, 'Sent reminders'),
    issuedList(issued, view.issuedShown, view.mayManage, {
      done: actions.done,
      more: () => actions.more('issued'),
    }),
    h('h3', { class: 'heading-s', id: 'reminders-settings-title' }, 'Reminder settings'),
    ...settingsSummary(settings),
    view.mayManage ? settingsForm(view.trustId, settings, actions.done) : null,
  ].filter((x): x is HTMLElement => x !== null);
}

function whoWillBeTold(recipients: string[], settings: ReminderSettings): HTMLElement {
  return h(
    'ul',
    { class: 'compact-list' },
    recipients.map((c) => {
      const addresses = settings.contacts[c] ?? [];
      return h(
        'li',
        {},
        contactName(c),
        addresses.length > 0
          ? h('span', { class: 'secondary' }, addresses.join(', '))
          : h('span', { class: 'secondary' }, 'No address set: not sent'),
      );
    }),
  );
}

function upcomingList(
  upcoming: UpcomingReminder[],
  settings: ReminderSettings,
  shown: number,
  more: () => void,
): HTMLElement {
  if (upcoming.length === 0)
    return h(
      'p',
      { class: 'body', id: 'reminders-upcoming' },
      settings.enabled
        ? 'No reminders are scheduled for this trust.'
        : 'Reminders are turned off for this trust.',
    );
  const now = Date.now();
  const rows = upcoming
    .slice(0, shown)
    .map((u, i) => [
      h(
        'span',
        { 'data-upcoming-index': i, tabindex: i === 0 ? null : -1 },
        Date.parse(u.nextAt) <= now ? `Due now (from ${londonDateTime(u.nextAt)})` : londonDateTime(u.nextAt),
        u.everyDays
          ? h('span', { class: 'secondary' }, `Then every ${plural(u.everyDays, 'day')} until done`)
          : null,
      ),
      u.scheduleId.includes('~snoozed-')
        ? `Snoozed reminder: ${RULES[u.rule] ?? humanise(u.rule)}`
        : whatText(u.rule, u.leadDays),
      aboutText(u.subjectTitle, u.rule, u.subjectDate),
      whoWillBeTold(u.recipients, settings),
    ]);
  const caption = `The next ${Math.min(shown, upcoming.length)} of ${plural(upcoming.length, 'scheduled reminder')}`;
  return h(
    'div',
    { id: 'reminders-upcoming' },
    table(caption, ['When it will be sent', 'Reminder', 'About', 'Who will be told'], rows),
    moreButton(upcoming.length - shown, 'upcoming reminders', 'reminders-upcoming', more),
  );
}
