import { ApiProblem, post } from '../api';
import { asOwnWrite } from '../live';
import { h } from '../dom';

export interface FieldSpec {
  name: string;
  label: string;
  kind: 'date' | 'datetime-local' | 'text' | 'number' | 'textarea' | 'select' | 'checkboxes' | 'checkbox';
  hint?: string;
  options?: Array<[value: string, text: string]>;
  value?: string;
  optional?: boolean;
  /** A textarea's height in lines (3 unless said). */
  rows?: number;
  /** A narrow input, for a number or a few words. */
  short?: boolean;
}

/** Any form that writes through the API: what it sends, and what it says once that worked. */
export interface ApiFormSpec {
  id: string;
  title: string;
  intro?: string;
  submit: string;
  fields: FieldSpec[];
  /** Sends the form; a problem found before asking the API is thrown as a 400 (see `fieldProblem`). */
  send: (values: Values) => Promise<unknown>;
  done: (values: Values) => void | Promise<void>;
  /** The field a rule's refusal (422) is about: its message is shown beside that field too. */
  ruleField?: string;
  /** What the error summary says above a rule's refusal (422). */
  refusedLead?: string;
  /** An extra class on the collapsed panel. */
  panelClass?: string;
}

export interface CommandFormSpec {
  id: string;
  title: string;
  intro?: string;
  submit: string;
  fields: FieldSpec[];
  /** The path under /trusts/:trustId, from the form's values. */
  path: (values: Values) => string;
  body: (values: Values) => Record<string, unknown>;
  /** Fields that are path parameters: their errors come back under these names. */
}

export type Values = Record<string, string | string[] | boolean>;

export interface FormContext {
  trustId: string;
  etag: () => string | null;
  done: (message: string) => void;
}

/**
 * One command on the trust: sends If-Match with the ETag the page was read at, and reports a refusal
 * by a trust rule (422) or a stale read (412) at the form.
 */
export function commandForm(spec: CommandFormSpec, ctx: FormContext): HTMLElement {
  return apiForm({
    ...spec,
    send: (values) =>
      post(`/trusts/${encodeURIComponent(ctx.trustId)}${spec.path(values)}`, spec.body(values), ctx.etag()),
    done: () => ctx.done(`${spec.title}: recorded.`),
    refusedLead: 'The trust’s rules refused this, and nothing was recorded:',
  });
}

/**
 * A form in a collapsed panel (`details.form-panel`, so live updates do not replace it while open):
 * labelled fields with hints, the API's field errors shown beside each field and in an error summary
 * at the top (as GOV.UK forms do), which takes focus.
 */
export function apiForm(spec: ApiFormSpec): HTMLElement {
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: -1, hidden: true });
  const form = h(
    'form',
    { class: 'form', id: spec.id, novalidate: true },
    summary,
    spec.intro ? h('p', { class: 'field__hint' }, spec.intro) : null,
  );
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
    const values = readValues(form, spec.fields);
    button.setAttribute('disabled', '');
    try {
      try {
        await asOwnWrite(spec.send(values));
      } catch (e) {
        return showProblem(spec, e, summary, errors);
      }
      await spec.done(values);
    } finally {
      button.removeAttribute('disabled');
    }
  });
  return h(
    'details',
    { class: `details form-panel${spec.panelClass ? ` ${spec.panelClass}` : ''}`, 'data-form': spec.id },
    h('summary', { class: 'details__summary' }, spec.title),
    form,
  );
}

/** A fields error the page found before asking the API, shaped as the API would answer it. */
export function fieldProblem(field: string, message: string): ApiProblem {
  return new ApiProblem(400, 'VALIDATION_FAILED', message, { fields: { [field]: [message] } });
}

function fieldBlock(formId: string, field: FieldSpec, error: HTMLElement): HTMLElement {
  const id = `${formId}-${field.name}`;
  const hintId = `${id}-hint`;
  const hint = field.hint ? h('p', { class: 'field__hint', id: hintId }, field.hint) : null;
  const described = [field.hint ? hintId : '', error.id].filter(Boolean).join(' ');
  const label = `${field.label}${field.optional ? ' (optional)' : ''}`;
  if (field.kind === 'checkboxes' || field.kind === 'checkbox') {
    const boxes =
      field.kind === 'checkbox'
        ? [[field.value ?? 'true', field.label] as [string, string]]
        : (field.options ?? []);
    return h(
      'fieldset',
      { class: 'field fieldset', 'data-field': field.name, 'aria-describedby': described },
      h('legend', { class: 'field__label' }, field.kind === 'checkbox' ? 'Confirm' : label),
      hint,
      error,
      boxes.length === 0 ? h('p', { class: 'muted' }, 'No members are recorded yet.') : null,
      h(
        'div',
        { class: 'checkboxes' },
        boxes.map(([value, text], i) =>
          h(
            'div',
            { class: 'checkbox' },
            h('input', {
              type: 'checkbox',
              class: 'checkbox__input',
              id: `${id}-${i}`,
              name: field.name,
              value,
            }),
            h('label', { class: 'checkbox__label', for: `${id}-${i}` }, text),
          ),
        ),
      ),
    );
  }
  const common = { id, name: field.name, 'aria-describedby': described };
  const control =
    field.kind === 'select'
      ? h(
          'select',
          { ...common, class: 'select' },
          (field.options ?? []).map(([v, t]) => h('option', { value: v }, t)),
        )
      : field.kind === 'textarea'
        ? h('textarea', { ...common, class: 'input', rows: field.rows ?? 3 })
        : h('input', {
            ...common,
            class: `input${inputWidth(field)}`,
            type: field.kind === 'number' ? 'text' : field.kind,
            inputmode: field.kind === 'number' ? 'numeric' : null,
            autocomplete: 'off',
          });
  if (field.value !== undefined) control.value = field.value;
  return h(
    'div',
    { class: 'field', 'data-field': field.name },
    h('label', { class: 'field__label', for: id }, label),
    hint,
    error,
    control,
  );
}

function inputWidth(field: FieldSpec): string {
  if (field.kind === 'date' || field.kind === 'datetime-local') return ' input--date';
  return field.short || field.kind === 'number' ? ' input--short' : '';
}

function readValues(form: HTMLFormElement, fields: FieldSpec[]): Values {
  const data = new FormData(form);
  const values: Values = {};
  for (const f of fields) {
    if (f.kind === 'checkboxes') values[f.name] = data.getAll(f.name).map(String);
    else if (f.kind === 'checkbox') values[f.name] = data.has(f.name);
    else values[f.name] = String(data.get(f.name) ?? '').trim();
  }
  return values;
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

function showProblem(
  spec: ApiFormSpec,
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
    const error = errors.get(name);
    const text = messages.join('. ');
    if (error) {
      error.textContent = `Error: ${text}`;
      error.hidden = false;
      const block = error.closest('.field');
      block?.classList.add('field--error');
      block?.querySelector('input, select, textarea')?.setAttribute('aria-invalid', 'true');
      items.push(h('li', {}, h('a', { href: `#${spec.id}-${name}`, class: 'link' }, text)));
    } else {
      items.push(h('li', {}, text));
    }
  }
  const lead =
    problem.status === 422
      ? (spec.refusedLead ?? 'This was refused, and nothing was recorded:')
      : problem.status === 412
        ? 'Someone else changed this trust since you opened it. Nothing was recorded: reload the page to see their change, then try again.'
        : items.length > 0
          ? 'There is a problem with what was entered:'
          : 'Nothing was recorded:';
  summary.append(
    h('h3', { class: 'error-summary__title' }, lead),
    items.length > 0
      ? h('ul', { class: 'error-summary__list' }, items)
      : h('p', { class: 'error-summary__message', 'data-code': problem.code }, problem.message),
  );
  summary.hidden = false;
  summary.focus();
}

export const today = (): string => new Date().toISOString().slice(0, 10);
