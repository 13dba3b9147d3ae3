import { ApiProblem, identity, request } from '../api';
import { enc, loadAttendance, loadRecords, loadTimeline } from '../data';
import { append, clear, h, section, summaryRow, tag } from '../dom';
import { humanise, longDate, phaseLabel } from '../format';
import { onLive, onRemindersLive, resetLiveListeners } from '../live';
import type { TrustDocument } from '../types';
import { changesBetween, downloads, replayControls, verifyHistory } from './audit';
import { loadReplay, type ReplayChoice, type Replayed } from './replay-state';
import { decisionLog, keyIssuesBoard, meetingsAndAttendance, membershipRegister } from './boards';
import { commandForms } from './command-forms';
import { ganttSection } from './gantt';
import { lifecycleDiagram } from './lifecycle-diagram';
import { loadReminders, remindersPanel } from './reminders';

const SECTIONS: Array<[string, string]> = [
  ['timeline', 'Programme timeline'],
  ['reminders', 'Reminders'],
  ['lifecycle', 'Lifecycle'],
  ['key-issues', 'Key issues'],
  ['membership', 'Membership'],
  ['meetings', 'Meetings and attendance'],
  ['decisions', 'Decision log'],
  ['record', 'Record a change'],
  ['audit', 'Audit and replay'],
];

/** One trust: timeline, lifecycle, boards, forms, and the audit tools; or the trust on a past date. */
export async function showTrust(
  main: HTMLElement,
  trustId: string,
  replay: ReplayChoice | null = null,
  notice?: string,
): Promise<void> {
  resetLiveListeners();
  let doc: TrustDocument;
  let etag: string | null = null;
  let past: Replayed | null = null;
  try {
    const current = await request<TrustDocument>(`/trusts/${enc(trustId)}`);
    etag = current.etag;
    doc = current.body;
    if (replay) {
      past = await loadReplay(current.body, replay);
      doc = past.doc;
    }
  } catch (e) {
    clear(main);
    const missing = e instanceof ApiProblem && e.status === 404;
    main.append(
      h('h1', { class: 'heading-xl' }, missing ? 'Trust not found' : 'Something went wrong'),
      h(
        'p',
        { class: 'body' },
        missing ? 'There is no trust at this address that your token may see.' : String((e as Error).message),
      ),
      h('p', {}, h('a', { href: '/', class: 'link' }, 'Back to the portfolio')),
    );
    return;
  }
  const t = doc.trust;
  const rerender = (choice: ReplayChoice | null, message?: string) =>
    showTrust(main, trustId, choice, message);
  const [records, timeline, attendance, remindersLoad] = await Promise.all([
    past ? Promise.resolve(past.records) : loadRecords(doc),
    past ? Promise.resolve(past.timeline) : loadTimeline(doc),
    past ? Promise.resolve(past.attendance) : loadAttendance(doc),
    // Reminders are what happens now; a replay of a past date does not show them.
    past ? Promise.resolve(null) : loadReminders(trustId),
  ]);
  clear(main);
  document.title = `${t.name}${replay ? ` on ${longDate(replay.asOf)}` : ''} – Trustworks`;
  const who = identity();
  const mayWrite =
    !replay &&
    !!who &&
    who.roles.some((r) => r === 'admin' || r === 'programme-manager' || r === 'board-member');
  const live = h('div', { id: 'live-notice', role: 'status', 'aria-live': 'polite' });
  // Acknowledging and snoozing need the programme-manager role, as the API's policy says.
  const reminders = remindersLoad
    ? remindersPanel(
        trustId,
        remindersLoad,
        !!who && who.roles.some((r) => r === 'admin' || r === 'programme-manager'),
      )
    : null;

  append(main, [
    h(
      'nav',
      { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' },
      h(
        'ol',
        {},
        h('li', {}, h('a', { href: '/', class: 'link' }, 'Portfolio')),
        h('li', { 'aria-current': 'page' }, t.name),
      ),
    ),
    notice
      ? h('div', { class: 'notice notice--ok', role: 'status', tabindex: -1, id: 'page-notice' }, notice)
      : null,
    replay ? replayBanner(replay, () => void rerender(null)) : null,
    h('span', { class: 'caption' }, humanise(t.authority)),
    h('h1', { class: 'heading-xl' }, t.name),
    facts(doc, replay),
    live,
    h(
      'nav',
      { class: 'contents', 'aria-label': 'On this page' },
      h('h2', { class: 'contents__title' }, 'On this page'),
      h(
        'ol',
        { class: 'contents__list' },
        SECTIONS.filter(
          ([id]) => (mayWrite || id !== 'record') && (reminders !== null || id !== 'reminders'),
        ).map(([id, title]) => h('li', {}, h('a', { href: `#${id}`, class: 'link' }, title))),
      ),
    ),
    section(
      'timeline',
      'Programme timeline',
      ganttSection(timeline, replay ? `Replay date (${longDate(replay.asOf)})` : 'Today'),
    ),
    reminders ? section('reminders', 'Reminders', reminders.element) : null,
    section('lifecycle', 'Lifecycle', lifecycleDiagram(t.lifecycleState, t.phase)),
    section('key-issues', 'The eight key issues', keyIssuesBoard(doc)),
    section('membership', 'Membership against the statutory partners', membershipRegister(doc)),
    section('meetings', 'Meetings and attendance', meetingsAndAttendance(doc, records, attendance)),
    section('decisions', 'Decision log', decisionLog(records)),
    mayWrite
      ? section(
          'record',
          'Record a change',
          commandForms(doc, records, {
            trustId,
            etag: () => etag,
            done: (message) => void rerender(null, message),
          }),
        )
      : null,
    section(
      'audit',
      'Audit and replay',
      h('h3', { class: 'heading-s' }, 'See the trust on a past date'),
      replayControls(doc, replay, (choice) => void rerender(choice)),
      h('h3', { class: 'heading-s' }, 'What changed between two dates'),
      changesBetween(doc),
      h('h3', { class: 'heading-s' }, 'Check the history has not been altered'),
      verifyHistory(trustId),
      h('h3', { class: 'heading-s' }, 'Downloads'),
      downloads(trustId),
    ),
  ]);
  (main.querySelector('#page-notice') as HTMLElement | null)?.focus();
  if (replay) return;
  onRemindersLive((message) => {
    if (message.trustId === trustId) void reminders?.refresh();
  });
  onLive((message) => {
    if (message.trustId !== trustId || message.revision <= doc.revision) return;
    const editing = main.querySelector('details.form-panel[open]');
    if (!editing)
      return void rerender(null, 'This trust was changed by someone else; the page now shows the change.');
    // A form is open: the rest of the page waits for a reload, but the reminders follow now.
    void reminders?.refresh();
    clear(live);
    live.append(
      h(
        'p',
        { class: 'notice' },
        'Someone else has changed this trust. ',
        h(
          'button',
          { type: 'button', class: 'link-button', onclick: () => void rerender(null) },
          'Reload to see the change',
        ),
      ),
    );
  });
}

function replayBanner(replay: ReplayChoice, back: () => void): HTMLElement {
  const how = replay.basis === 'occurred' ? 'as we now know it happened by' : 'as recorded on';
  return h(
    'div',
    { class: 'replay-banner', id: 'replay-banner', role: 'status' },
    h('strong', {}, `Replay: the trust ${how} ${longDate(replay.asOf)}. `),
    'Read-only. ',
    h('button', { type: 'button', class: 'link-button', onclick: back }, 'Back to today'),
  );
}

function facts(doc: TrustDocument, replay: ReplayChoice | null): HTMLElement {
  const t = doc.trust;
  return h(
    'dl',
    { class: 'summary-list', id: 'trust-facts' },
    summaryRow('Phase', h('span', { id: 'trust-phase' }, tag(phaseLabel(t.phase), 'phase'))),
    t.planStage ? summaryRow('Children and Young People’s Plan', humanise(t.planStage)) : null,
    summaryRow('Governance model', humanise(t.governanceModel)),
    summaryRow('Proposed', longDate(t.proposedOn)),
    t.newAuthority ? summaryRow('Vesting day', longDate(t.vestingDay)) : null,
    summaryRow(
      'Implementation board',
      t.implementationBoard
        ? `${t.implementationBoard.boardName}, convened ${longDate(t.implementationBoard.convenedOn)}`
        : 'Not convened',
    ),
    summaryRow(
      'Trust board',
      t.trustBoard
        ? `${t.trustBoard.boardName}, inaugurated ${longDate(t.trustBoard.inauguratedOn)}`
        : 'Not inaugurated',
    ),
    summaryRow(replay ? 'Events up to this date' : 'Events recorded', String(doc.revision + 1)),
  );
}
