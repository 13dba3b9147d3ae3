import { ApiProblem, post } from '../api';
import { clear, h } from '../dom';
import { longDate } from '../format';

interface CalendarSubscription {
  feedUrl: string;
  webcalUrl: string;
  expiresAt: string;
}

/**
 * "Subscribe in Outlook": asks the API for a feed address that carries a calendar-only token (Outlook
 * cannot send the bearer token) and shows it to copy, with the steps to follow.
 */
export function calendarSubscription(trustId: string): HTMLElement {
  const out = h('div', { id: 'calendar-subscription' });
  const button = h(
    'button',
    { type: 'button', class: 'button button--secondary', 'aria-controls': 'calendar-subscription' },
    'Subscribe in Outlook',
  );
  button.addEventListener('click', () => {
    button.disabled = true;
    post<CalendarSubscription>('/calendar/subscriptions', { trustId })
      .then(({ body }) => showAddress(out, body))
      .catch((error: unknown) => {
        clear(out);
        out.append(
          h(
            'p',
            { class: 'field__error', role: 'alert' },
            error instanceof ApiProblem ? error.message : 'The calendar address could not be made.',
          ),
        );
      })
      .finally(() => (button.disabled = false));
  });
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'field__hint' },
      'Keep this trust’s milestones in your calendar: it updates itself when a date is rebaselined.',
    ),
    button,
    out,
  );
}

function showAddress(out: HTMLElement, subscription: CalendarSubscription): void {
  const status = h('p', { class: 'secondary', role: 'status', id: 'calendar-feed-copied' });
  const input = h('input', {
    id: 'calendar-feed-url',
    class: 'input input--token',
    type: 'text',
    readonly: true,
    value: subscription.feedUrl,
    'aria-describedby': 'calendar-feed-hint',
  });
  const copy = h('button', { type: 'button', class: 'button button--secondary' }, 'Copy address');
  copy.addEventListener('click', () => {
    input.select();
    navigator.clipboard
      .writeText(subscription.feedUrl)
      .then(() => (status.textContent = 'Address copied.'))
      .catch(() => (status.textContent = 'The address is selected: press Ctrl+C to copy it.'));
  });
  clear(out);
  out.append(
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'field__label', for: 'calendar-feed-url' }, 'Calendar address to copy'),
      h(
        'p',
        { class: 'field__hint', id: 'calendar-feed-hint' },
        'In Outlook choose Add calendar, then Subscribe from web, and paste this address. Anyone with it can ' +
          `read these milestones, so keep it private. It works until ${longDate(subscription.expiresAt)}.`,
      ),
      input,
    ),
    h(
      'div',
      { class: 'button-group' },
      copy,
      h('a', { class: 'link', href: subscription.webcalUrl }, 'Open in your calendar application'),
    ),
    status,
  );
  input.focus();
  input.select();
}
