import { ApiProblem, post } from '../api';
import { enc } from '../data';
import { h } from '../dom';
import { londonDateTime, londonInputToIso, londonTomorrowAt } from '../format';
import { asOwnWrite } from '../live';
import type { IssuedReminder } from '../types';

interface Field {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'datetime-local' | 'number';
  hint?: string;
  value?: string;
  optional?: boolean;
}

type Values = Record<string, string>;

interface ReminderFormSpec {
  id: string;
  title: string;
  submit: string;
  intro?: string;
  fields: Field[];
  /** Sends the form; a client-side problem is thrown as a 400 ApiProblem with `details.fields`. */
  send: (values: Values) => Promise<unknown>;
  /** The field a rule's refusal (422) is about: its message is shown beside that field. */
  ruleField?: string;
  /** Said (and focused) once the write succeeded and the panel shows it. */
  done: (values: Values) => Promise<void>;
}

/** A fields error the page found before asking the API, shaped as the API would answer it. */
export function fieldProblem(field: string, message: string): ApiProblem {
  return new ApiProblem(400, 'VALIDATION_FAILED', message, { fields: { [field]: [message] } });
}

/**
 * A small form in a collapsed panel (`details.form-panel`, so live updates do not replace it while
 * open): labelled fields, the API's messages beside the field they are about, and the rest in an
 * error summary at the top that takes focus.
 */
export function reminderForm(spec: ReminderFormSpec): HTMLElement {
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: -1, hidden: true });
  const form = h('form', { class: 'form', id: spec.id, novalidate: true }, summary);
  if (spec.intro) form.append(h('p', { class: 'field__hint' }, spec.intro));
  const errors = new Map<string, HTMLElement>();
  for (const field of spec.fields) {
    const error = h('p', { class: 'field__error', id: `${spec.id}-${field.name}-error`, hidden: true });
    errors.set(field.name, error);
    form.append(fieldBlock(spec.id, field, error));
  }
  const button = h('button', { type: 'submit', class: 'button' }, spec.submit);
  form.append(button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary, errors);
    const values = Object.fromEntries(
      spec.fields.map((f) => [f.name, String(new FormData(form).get(f.name) ?? '').trim()]),
    );
    button.disabled = true;
    try {
      await asOwnWrite(spec.send(values));
    } catch (e) {
      button.disabled = false;
      return showProblem(spec, e, summary, errors);
    }
    await spec.done(values);
  });
  return h(
    'details',
    { class: 'details form-panel reminder-action', 'data-form': spec.id },
    h('summary', { class: 'details__summary' }, spec.title),
    form,
  );
}

function fieldBlock(formId: string, field: Field, error: HTMLElement): HTMLElement {
  const id = `${formId}-${field.name}`;
  const hintId = `${id}-hint`;
  const described = [field.hint ? hintId : '', error.id].filter(Boolean).join(' ');
  const common = { id, name: field.name, 'aria-describedby': described };
  const control =
    field.kind === 'textarea'
      ? h('textarea', { ...common, class: 'input', rows: field.name === 'contacts' ? 5 : 2 })
      : h('input', {
          ...common,
          class: `input${field.kind === 'text' || field.kind === 'number' ? ' input--short' : ' input--date'}`,
          type: field.kind === 'number' ? 'text' : field.kind,
          inputmode: field.kind === 'number' ? 'numeric' : null,
          autocomplete: 'off',
        });
  if (field.value !== undefined) control.value = field.value;
  return h(
    'div',
    { class: 'field', 'data-field': field.name },
    h('label', { class: 'field__label', for: id }, `${field.label}${field.optional ? ' (optional)' : ''}`),
    field.hint ? h('p', { class: 'field__hint', id: hintId }, field.hint) : null,
    error,
    control,
  );
}

function clearErrors(form: HTMLElement, summary: HTMLElement, errors: Map<string, HTMLElement>): void {
  summary.hidden = true;
  summary.replaceChildren();
  errors.forEach((e) => {
    e.hidden = true;
    e.textContent = '';
  });
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  form.querySelectorAll('.field--error').forEach((el) => el.classList.remove('field--error'));
}

function markField(error: HTMLElement, text: string): void {
  error.textContent = `Error: ${text}`;
  error.hidden = false;
  const block = error.closest('.field');
  block?.classList.add('field--error');
  block?.querySelector('input, textarea')?.setAttribute('aria-invalid', 'true');
}

function showProblem(
  spec: ReminderFormSpec,
  e: unknown,
  summary: HTMLElement,
  errors: Map<string, HTMLElement>,
): void {
  const problem =
    e instanceof ApiProblem
      ? e
      : new ApiProblem(0, 'NETWORK', 'The service could not be reached. Nothing was recorded; try again.');
  const fields: Record<string, string[]> =
    problem.status === 400
      ? (problem.details.fields ?? {})
      : problem.status === 422 && spec.ruleField
        ? { [spec.ruleField]: [problem.message] }
        : {};
  const items: HTMLElement[] = [];
  for (const [name, messages] of Object.entries(fields)) {
    const text = messages.join('. ');
    const error = errors.get(name);
    if (error) markField(error, text);
    items.push(h('li', {}, error ? h('a', { href: `#${spec.id}-${name}`, class: 'link' }, text) : text));
  }
  summary.append(
    h(
      'h3',
      { class: 'error-summary__title' },
      problem.status === 422
        ? 'The reminder rules refused this, and nothing was recorded:'
        : items.length > 0
          ? 'There is a problem with what was entered:'
          : 'Nothing was recorded:',
    ),
    items.length > 0
      ? h('ul', { class: 'error-summary__list' }, items)
      : h('p', { class: 'error-summary__message', 'data-code': problem.code }, problem.message),
  );
  summary.hidden = false;
  summary.focus();
}

const keyPath = (r: IssuedReminder, action: string) => `/reminders/${enc(r.key)}/${action}`;
const noteOf = (v: Values) => (v.note ? { note: v.note } : {});

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
    fields: [{ name: 'note', label: 'Note', kind: 'textarea', optional: true, hint: 'What was done.' }],
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
      { name: 'note', label: 'Note', kind: 'textarea', optional: true },
    ],
    ruleField: 'until',
    send: (v) => {
      const until = londonInputToIso(v.until);
      if (until === null)
        throw fieldProblem('until', 'Enter the date and time to remind again, such as 28/01/2009 08:00');
      return post(keyPath(r, 'snooze'), { until, ...noteOf(v) });
    },
    done: (v) =>
      done(`Reminder snoozed until ${londonDateTime(londonInputToIso(v.until))}: ${r.subjectTitle}.`),
  });
}
