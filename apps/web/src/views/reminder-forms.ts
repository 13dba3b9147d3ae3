import { post } from '../api';
import { enc } from '../data';
import { londonDateTime, londonInputToIso, londonTomorrowAt } from '../format';
import type { IssuedReminder } from '../types';
import { apiForm, fieldProblem, type ApiFormSpec, type Values } from './form-kit';

/** The reminders' forms: the form kit's, in panels the reminders section keeps while they are open. */
export function reminderForm(spec: ApiFormSpec): HTMLElement {
  return apiForm({
    refusedLead: 'The reminder rules refused this, and nothing was recorded:',
    panelClass: 'reminder-action',
    ...spec,
  });
}

const keyPath = (r: IssuedReminder, action: string) => `/reminders/${enc(r.key)}/${action}`;
const noteOf = (v: Values) => (v.note ? { note: String(v.note) } : {});

/** "Acknowledge": the reminder was seen and acted on; it stops counting towards escalation. */
export function acknowledgeForm(
  r: IssuedReminder,
  id: string,
  done: (message: string) => Promise<void>,
): HTMLElement {
  return reminderForm({
    id,
    title: 'Acknowledge',
    submit: 'Acknowledge reminder',
    intro:
      'Say it was seen and acted on. An acknowledged reminder no longer counts towards copying in the DCS.',
    fields: [
      { name: 'note', label: 'Note', kind: 'textarea', rows: 2, optional: true, hint: 'What was done.' },
    ],
    send: (v) => post(keyPath(r, 'acknowledge'), noteOf(v)),
    done: () => done(`Reminder acknowledged: ${r.subjectTitle}.`),
  });
}

/** "Snooze": the reminder comes back at the chosen time (tomorrow at 08:00 unless changed). */
export function snoozeForm(
  r: IssuedReminder,
  id: string,
  done: (message: string) => Promise<void>,
): HTMLElement {
  return reminderForm({
    id,
    title: 'Snooze',
    submit: 'Snooze reminder',
    fields: [
      {
        name: 'until',
        label: 'Remind again at',
        kind: 'datetime-local',
        value: londonTomorrowAt(8),
        hint: 'A date and time in the UK (Europe/London), within the next year.',
      },
      { name: 'note', label: 'Note', kind: 'textarea', rows: 2, optional: true },
    ],
    ruleField: 'until',
    send: (v) => {
      const until = londonInputToIso(String(v.until));
      if (until === null)
        throw fieldProblem('until', 'Enter the date and time to remind again, such as 28/01/2009 08:00');
      return post(keyPath(r, 'snooze'), { until, ...noteOf(v) });
    },
    done: (v) =>
      done(`Reminder snoozed until ${londonDateTime(londonInputToIso(String(v.until)))}: ${r.subjectTitle}.`),
  });
}
