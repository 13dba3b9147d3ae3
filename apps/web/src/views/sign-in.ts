import { ApiProblem, get, session } from '../api';
import { h } from '../dom';

/** Sign-in with a bearer token: a development token, or one from the council's identity provider. */
export function showSignIn(main: HTMLElement, done: () => void): void {
  document.title = 'Sign in – Trustworks';
  const error = h('p', { class: 'field__error', id: 'token-error', hidden: true });
  const input = h('textarea', {
    id: 'token',
    name: 'token',
    class: 'input input--token',
    rows: 4,
    spellcheck: 'false',
    autocomplete: 'off',
    'aria-describedby': 'token-hint token-error',
    required: true,
  });
  const form = h(
    'form',
    { class: 'form', novalidate: true },
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'field__label', for: 'token' }, 'Access token'),
      h(
        'p',
        { class: 'field__hint', id: 'token-hint' },
        "Paste the bearer token from your council's identity provider. For development, print one with ",
        h('code', {}, 'npm run token -- --role programme-manager --authority cheshire-east'),
        '.',
      ),
      error,
      input,
    ),
    h('button', { type: 'submit', class: 'button' }, 'Sign in'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) return fail('Enter your access token.');
    session.signIn(token);
    try {
      await get('/trusts');
      done();
    } catch (e) {
      session.signOut();
      fail(e instanceof ApiProblem ? e.message : 'The service could not be reached. Try again.');
    }
  });
  function fail(message: string): void {
    error.textContent = `Error: ${message}`;
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
  main.append(
    h('h1', { class: 'heading-xl' }, 'Sign in'),
    h(
      'p',
      { class: 'lead' },
      "Track the implementation of your Children's Trust, and replay what was decided on any date. You see the trusts of the authorities your token holds.",
    ),
    form,
  );
  input.focus();
}
