import './styles.css';
import { identity, session } from './api';
import { clear, h } from './dom';
import { resetLiveListeners } from './live';
import { showDashboard } from './views/dashboard';
import { showSignIn } from './views/sign-in';
import { showTrust } from './views/trust-page';

const main = document.getElementById('main') as HTMLElement;
const account = document.getElementById('account') as HTMLElement;

/** Client routes: `/` the portfolio, `/trust/:trustId` one trust. The server answers both with this page. */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  void render();
}

async function render(): Promise<void> {
  renderAccount();
  clear(main);
  resetLiveListeners();
  if (!session.token()) return showSignIn(main, () => navigate(location.pathname));
  const trust = /^\/trust\/([^/]+)\/?$/.exec(location.pathname);
  if (trust) await showTrust(main, decodeURIComponent(trust[1]));
  else await showDashboard(main);
}

function renderAccount(): void {
  clear(account);
  const who = identity();
  if (!who) return;
  const scope = who.roles.includes('admin')
    ? 'all authorities'
    : who.authorities.join(', ') || 'no authority';
  account.append(
    h('span', { class: 'account__who' }, `${who.name ?? who.subject} (${who.roles.join(', ')}; ${scope})`),
    h(
      'button',
      {
        type: 'button',
        class: 'link-button account__out',
        onclick: () => {
          session.signOut();
          navigate('/');
        },
      },
      'Sign out',
    ),
  );
}

/** Same-origin links inside the app change the view without a reload. */
document.addEventListener('click', (event) => {
  const link = (event.target as Element).closest('a');
  if (!link || link.target || link.hasAttribute('download') || event.ctrlKey || event.metaKey) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.hash || url.pathname.startsWith('/docs')) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});

window.addEventListener('popstate', () => void render());
void render();
