import { ApiProblem, download, optional } from '../api';
import { enc } from '../data';
import { clear, h, table } from '../dom';
import { addDays, daysBetween, londonToday, longDate } from '../format';
import type { TrustDocument, VerifyResult } from '../types';
import type { ReplayChoice } from './replay-state';
import { calendarSubscription } from './calendar-subscription';

/** The replay controls: a date (typed, picked, or slid along the programme) and which view of time. */
export function replayControls(
  doc: TrustDocument,
  current: ReplayChoice | null,
  show: (choice: ReplayChoice | null) => void,
): HTMLElement {
  const first = doc.trust.proposedOn ?? addDays(londonToday(), -365);
  // The slider spans the programme (its last dated event or milestone), not the years since.
  const dates = Object.values(doc.trust.milestones).map((m) => m.completedOn ?? m.forecastDue);
  const end = [doc.trust.lastOccurredOn ?? first, ...dates].sort().pop() ?? first;
  const last = end < londonToday() ? end : londonToday();
  const span = Math.max(1, daysBetween(first, last));
  const date = h('input', {
    type: 'date',
    id: 'replay-date',
    class: 'input input--date',
    min: first,
    max: londonToday(),
    value: current?.asOf ?? doc.trust.lastOccurredOn ?? last,
  });
  const slider = h('input', {
    type: 'range',
    id: 'replay-slider',
    class: 'slider',
    min: 0,
    max: span,
    step: 1,
    'aria-describedby': 'replay-slider-value',
  });
  const sliderValue = h('span', { id: 'replay-slider-value', class: 'secondary' });
  const sync = () => {
    slider.value = String(Math.max(0, Math.min(span, daysBetween(first, date.value || last))));
    sliderValue.textContent = longDate(date.value);
    slider.setAttribute('aria-valuetext', longDate(date.value));
  };
  slider.addEventListener('input', () => {
    date.value = addDays(first, Number(slider.value));
    sync();
  });
  date.addEventListener('change', sync);
  sync();
  const basis = (value: ReplayChoice['basis'], label: string, hint: string) =>
    h(
      'div',
      { class: 'radio' },
      h('input', {
        type: 'radio',
        class: 'radio__input',
        name: 'replay-basis',
        id: `basis-${value}`,
        value,
        checked: (current?.basis ?? 'occurred') === value,
        'aria-describedby': `basis-${value}-hint`,
      }),
      h('label', { class: 'radio__label', for: `basis-${value}` }, label),
      h('p', { class: 'field__hint radio__hint', id: `basis-${value}-hint` }, hint),
    );
  const form = h(
    'form',
    { class: 'form', id: 'replay-form' },
    h(
      'fieldset',
      { class: 'fieldset' },
      h('legend', { class: 'field__label' }, 'Which view of the past'),
      basis(
        'occurred',
        'As we now know it happened by that date',
        'Everything dated on or before the day, including what was entered later.',
      ),
      basis(
        'recorded',
        'As recorded on that date',
        'Only what had been entered into the service by the end of that day: what a reader saw then.',
      ),
    ),
    h('div', { class: 'field' }, h('label', { class: 'field__label', for: 'replay-date' }, 'Date'), date),
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'field__label', for: 'replay-slider' }, 'Or slide along the programme'),
      slider,
      sliderValue,
    ),
    h(
      'div',
      { class: 'button-group' },
      h('button', { type: 'submit', class: 'button' }, 'Show the trust on this date'),
      current
        ? h(
            'button',
            { type: 'button', class: 'button button--secondary', onclick: () => show(null) },
            'Back to today',
          )
        : null,
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const chosen = (form.querySelector('input[name="replay-basis"]:checked') as HTMLInputElement | null)
      ?.value as ReplayChoice['basis'];
    if (date.value) show({ asOf: date.value, basis: chosen ?? 'occurred' });
  });
  return form;
}

/** What changed between two dates, from the audit service. */
export function changesBetween(doc: TrustDocument): HTMLElement {
  const from = h('input', {
    type: 'date',
    id: 'changes-from',
    class: 'input input--date',
    value: doc.trust.proposedOn ?? '',
  });
  const to = h('input', { type: 'date', id: 'changes-to', class: 'input input--date', value: londonToday() });
  const out = h('div', { id: 'changes-result', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'form form--inline', id: 'changes-form' },
    h(
      'div',
      { class: 'field field--inline' },
      h('label', { class: 'field__label', for: 'changes-from' }, 'From'),
      from,
    ),
    h(
      'div',
      { class: 'field field--inline' },
      h('label', { class: 'field__label', for: 'changes-to' }, 'To'),
      to,
    ),
    h('button', { type: 'submit', class: 'button button--secondary' }, 'Show changes'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(out);
    try {
      const body = await optional<{ changes?: Change[] }>(
        `/trusts/${enc(doc.trust.trustId)}/changes?from=${enc(from.value)}&to=${enc(to.value)}`,
      );
      out.append(
        body
          ? changesTable(body)
          : h('p', { class: 'body' }, 'The audit service does not offer changes on this server.'),
      );
    } catch (error) {
      out.append(
        h(
          'p',
          { class: 'field__error' },
          error instanceof ApiProblem ? error.message : 'The changes could not be read.',
        ),
      );
    }
  });
  return h('div', {}, form, out);
}

interface Change {
  occurredAt: string;
  recordedAt: string;
  summary: string;
  actor: string;
  actorName: string | null;
}

function changesTable(body: { changes?: Change[] }): HTMLElement {
  const list = body.changes ?? [];
  if (list.length === 0) return h('p', { class: 'body' }, 'Nothing was recorded between these dates.');
  return table(
    `${list.length} changes recorded between the dates, oldest first`,
    ['Recorded', 'Happened', 'Change', 'Recorded by'],
    list.map((c) => [
      longDate(c.recordedAt.slice(0, 10)),
      longDate(c.occurredAt),
      c.summary,
      c.actorName ?? c.actor,
    ]),
  );
}

/** Checks the hash chain of the trust's history and says what it found. */
export function verifyHistory(trustId: string): HTMLElement {
  const out = h('div', { id: 'verify-result', role: 'status', 'aria-live': 'polite' });
  const button = h(
    'button',
    { type: 'button', class: 'button button--secondary', id: 'verify-button' },
    'Verify history',
  );
  button.addEventListener('click', async () => {
    clear(out);
    try {
      const r = await optional<VerifyResult>(`/trusts/${enc(trustId)}/verify`);
      if (!r)
        out.append(
          h('p', { class: 'body' }, 'The audit service does not offer verification on this server.'),
        );
      else if (r.ok)
        out.append(
          h(
            'p',
            { class: 'notice notice--ok' },
            h('strong', {}, 'History intact. '),
            `${r.checked} events checked; each is linked to the one before it by its hash, so none has been altered or removed.`,
          ),
        );
      else
        out.append(
          h(
            'p',
            { class: 'notice notice--bad' },
            h('strong', {}, 'History broken. '),
            `${r.checked} events checked; the chain breaks at ${JSON.stringify(r.firstBroken)}. Report this to your information governance lead.`,
          ),
        );
    } catch (error) {
      out.append(
        h(
          'p',
          { class: 'field__error' },
          error instanceof ApiProblem ? error.message : 'The history could not be verified.',
        ),
      );
    }
  });
  return h('div', {}, button, out);
}

export function downloads(trustId: string): HTMLElement {
  const message = h('p', { class: 'field__error', role: 'alert', hidden: true });
  const item = (label: string, path: string, file: string) =>
    h(
      'li',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'link-button',
          onclick: () =>
            download(path, file).catch(
              (e: unknown) => (
                (message.hidden = false),
                (message.textContent = e instanceof Error ? e.message : String(e))
              ),
            ),
        },
        label,
      ),
    );
  return h(
    'div',
    {},
    h(
      'ul',
      { class: 'list' },
      item('Decision log (CSV)', `/trusts/${enc(trustId)}/decisions.csv`, `${trustId}-decisions.csv`),
      item('Full history (JSON Lines)', `/trusts/${enc(trustId)}/history.jsonl`, `${trustId}-history.jsonl`),
      item('Milestones calendar (.ics)', `/trusts/${enc(trustId)}/calendar.ics`, `${trustId}-calendar.ics`),
    ),
    message,
    calendarSubscription(trustId),
  );
}
