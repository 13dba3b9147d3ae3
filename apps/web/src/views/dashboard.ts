import { ApiProblem, get, identity, post } from '../api';
import { loadPortfolio } from '../data';
import { clear, h, section, tag } from '../dom';
import { RAG_LABEL, humanise, longDate, phaseLabel, plural } from '../format';
import { onLive } from '../live';
import type { PortfolioRow, Rag } from '../types';

const RAG_ORDER: Record<Rag, number> = { red: 0, amber: 1, green: 2 };

interface Filters {
  text: string;
  phase: string;
  rag: string;
  sort: 'name' | 'rag' | 'overdue' | 'next';
}

/** The portfolio: every trust the token may see, with what a programme manager scans first. */
export async function showDashboard(main: HTMLElement): Promise<void> {
  document.title = 'Portfolio – Trustworks';
  const filters: Filters = { text: '', phase: '', rag: '', sort: 'rag' };
  const status = h(
    'p',
    { class: 'live-status', role: 'status', 'aria-live': 'polite' },
    'Connecting to live updates…',
  );
  const body = h('div', { id: 'portfolio' });
  main.append(h('h1', { class: 'heading-xl' }, "Children's Trust programmes"), status, body);
  let rows = await loadPortfolio();
  if (rows.length === 0) return showEmpty(body);

  const controls = filterControls(filters, () => draw());
  const results = h('div', { id: 'portfolio-results' });
  body.append(summary(rows), section('portfolio-table', 'Trusts', controls, results));
  function draw(): void {
    clear(results);
    results.append(portfolioTable(apply(rows, filters)));
  }
  draw();
  onLive(
    async (message) => {
      rows = await loadPortfolio(message.position);
      body.replaceChild(summary(rows), body.firstChild as Node);
      draw();
      status.textContent = `Live: updated at ${new Date().toLocaleTimeString('en-GB', { timeZone: 'Europe/London' })}.`;
    },
    (connected) => {
      if (!status.textContent?.startsWith('Live: updated'))
        status.textContent = connected
          ? 'Live: changes appear here as they are recorded.'
          : 'Live updates paused; reconnecting…';
    },
  );
}

function summary(rows: PortfolioRow[]): HTMLElement {
  const byRag = (r: Rag) => rows.filter((t) => t.rag === r).length;
  const overdue = rows.reduce((n, t) => n + t.overdueMilestones, 0);
  const card = (label: string, value: string | number, kind = '') =>
    h(
      'div',
      { class: `stat ${kind}` },
      h('span', { class: 'stat__value' }, String(value)),
      h('span', { class: 'stat__label' }, label),
    );
  return h(
    'div',
    { class: 'stats', id: 'portfolio-summary' },
    card(plural(rows.length, 'trust').replace(/^\d+ /, ''), rows.length),
    card('RAG red', byRag('red'), 'stat--red'),
    card('RAG amber', byRag('amber'), 'stat--amber'),
    card('RAG green', byRag('green'), 'stat--green'),
    card('overdue milestones', overdue),
  );
}

function filterControls(filters: Filters, changed: () => void): HTMLElement {
  const field = (id: string, label: string, control: HTMLInputElement | HTMLSelectElement) =>
    h(
      'div',
      { class: 'field field--inline' },
      h('label', { class: 'field__label', for: id }, label),
      control,
    );
  const select = (id: string, key: keyof Filters, options: Array<[string, string]>) => {
    const el = h(
      'select',
      { id, class: 'select' },
      options.map(([v, t]) => h('option', { value: v }, t)),
    );
    el.value = filters[key];
    el.addEventListener('change', () => {
      (filters as unknown as Record<string, string>)[key] = el.value;
      changed();
    });
    return el;
  };
  const text = h('input', { id: 'filter-text', class: 'input', type: 'search', autocomplete: 'off' });
  text.addEventListener('input', () => {
    filters.text = text.value.trim().toLowerCase();
    changed();
  });
  const phases = ['proposed', 'approved', 'shadow', 'vesting', 'ready', 'operating', 'under-review'];
  return h(
    'div',
    { class: 'filters', role: 'search' },
    field('filter-text', 'Trust or authority', text),
    field(
      'filter-phase',
      'Phase',
      select('filter-phase', 'phase', [
        ['', 'All phases'],
        ...phases.map((p): [string, string] => [p, phaseLabel(p)]),
      ]),
    ),
    field(
      'filter-rag',
      'RAG status',
      select('filter-rag', 'rag', [
        ['', 'All'],
        ['red', 'Red'],
        ['amber', 'Amber'],
        ['green', 'Green'],
      ]),
    ),
    field(
      'sort',
      'Sort by',
      select('sort', 'sort', [
        ['rag', 'RAG status (red first)'],
        ['overdue', 'Most overdue'],
        ['next', 'Next milestone due'],
        ['name', 'Name'],
      ]),
    ),
  );
}

function apply(rows: PortfolioRow[], f: Filters): PortfolioRow[] {
  const next = (t: PortfolioRow) => t.nextDue?.due ?? '9999';
  const compare: Record<Filters['sort'], (a: PortfolioRow, b: PortfolioRow) => number> = {
    name: (a, b) => a.name.localeCompare(b.name),
    rag: (a, b) => RAG_ORDER[a.rag] - RAG_ORDER[b.rag] || b.overdueMilestones - a.overdueMilestones,
    overdue: (a, b) => b.overdueMilestones - a.overdueMilestones,
    next: (a, b) => next(a).localeCompare(next(b)),
  };
  return rows
    .filter((t) => !f.text || `${t.name} ${t.authority}`.toLowerCase().includes(f.text))
    .filter((t) => !f.phase || t.phase === f.phase)
    .filter((t) => !f.rag || t.rag === f.rag)
    .sort((a, b) => compare[f.sort](a, b) || a.name.localeCompare(b.name));
}

export function ragTag(rag: Rag): HTMLElement {
  return tag(RAG_LABEL[rag], `rag-${rag}`);
}

function portfolioTable(rows: PortfolioRow[]): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'body' }, 'No trust matches these filters.');
  const list = (items: string[], none: string) =>
    items.length === 0
      ? h('span', { class: 'muted' }, none)
      : h(
          'ul',
          { class: 'compact-list' },
          items.map((i) => h('li', {}, humanise(i))),
        );
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table', id: 'portfolio-list' },
      h(
        'caption',
        { class: 'visually-hidden' },
        `${plural(rows.length, 'trust')}, filtered and sorted as chosen above`,
      ),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [
            'Trust',
            'Phase',
            'RAG',
            'Next milestone',
            'Overdue',
            'Key issues open',
            'Statutory partners missing',
          ].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((t) =>
          h(
            'tr',
            { 'data-trust': t.trustId },
            h(
              'th',
              { scope: 'row' },
              h('a', { href: `/trust/${encodeURIComponent(t.trustId)}`, class: 'link' }, t.name),
              h('span', { class: 'secondary' }, humanise(t.authority)),
            ),
            h('td', {}, phaseLabel(t.phase)),
            h('td', {}, ragTag(t.rag)),
            h(
              'td',
              {},
              t.nextDue
                ? [t.nextDue.title, h('span', { class: 'secondary' }, `due ${longDate(t.nextDue.due)}`)]
                : h('span', { class: 'muted' }, 'None scheduled'),
            ),
            h('td', { class: 'numeric' }, String(t.overdueMilestones)),
            h('td', {}, list(t.keyIssuesOpen, 'All agreed')),
            h('td', {}, list(t.statutoryPartnersMissing, 'None')),
          ),
        ),
      ),
    ),
  );
}

async function showEmpty(body: HTMLElement): Promise<void> {
  const offer = await get<{ storeEmpty: boolean; councils: Array<{ authority: string; source: string }> }>(
    '/demo-data',
  );
  if (!offer.storeEmpty) {
    body.append(h('p', { class: 'body' }, 'There are no trusts for the authorities your token holds.'));
    return;
  }
  const who = identity();
  const mayLoad = who?.roles.some((r) => r === 'admin' || r === 'programme-manager');
  const message = h('p', { class: 'field__error', role: 'alert', hidden: true });
  const button = h(
    'button',
    { type: 'button', class: 'button', disabled: !mayLoad },
    'Load the demo councils',
  );
  button.addEventListener('click', async () => {
    button.setAttribute('disabled', '');
    button.textContent = 'Loading…';
    try {
      await post('/demo-data', {});
      location.reload();
    } catch (e) {
      message.textContent = e instanceof ApiProblem ? e.message : 'The demo councils could not be loaded.';
      message.hidden = false;
      button.removeAttribute('disabled');
      button.textContent = 'Load the demo councils';
    }
  });
  body.append(
    section(
      'empty',
      'No trusts recorded yet',
      h(
        'p',
        { class: 'body' },
        'The store is empty. To explore the service, load the implementation programmes of three councils from their published papers:',
      ),
      h(
        'ul',
        { class: 'list' },
        offer.councils.map((c) =>
          h('li', {}, humanise(c.authority), h('span', { class: 'secondary' }, c.source)),
        ),
      ),
      mayLoad ? null : h('p', { class: 'field__hint' }, 'Loading needs the programme-manager or admin role.'),
      message,
      button,
    ),
  );
}
