import Gantt, { type GanttTask, type PopupContext } from 'frappe-gantt';
import 'frappe-gantt.css';
import { startOf } from '../data';
import { h, table } from '../dom';
import { addDays, longDate } from '../format';
import type { Timeline, TimelineRow } from '../types';
import { ragTag } from './dashboard';

const SVG = 'http://www.w3.org/2000/svg';

/** Months with short names, so a two-year programme fits the page. */
const MONTHS = {
  name: 'Month',
  padding: '2m',
  step: '1m',
  column_width: 56,
  date_format: 'YYYY-MM',
  lower_text: 'MMM',
  upper_text: (d: Date, previous: Date | null) =>
    !previous || d.getFullYear() !== previous.getFullYear() ? String(d.getFullYear()) : '',
  thick_line: (d: Date) => d.getMonth() % 3 === 0,
  snap_at: '7d',
};

/**
 * The programme as a Gantt chart (frappe-gantt): one bar per milestone from when its predecessors
 * finish to its forecast (or actual) date, the baseline as a thin bar beneath, dependency arrows,
 * the critical path outlined, and a line at today (or at the replay date). The table after it says
 * the same in words, for screen readers and for anyone who prefers a list.
 */
export function ganttSection(timeline: Timeline, todayLabel = 'Today'): HTMLElement[] {
  const rows = timeline.milestones;
  if (rows.length === 0) return [h('p', { class: 'body' }, 'No milestones are scheduled yet.')];
  const ids = new Map(rows.map((m, i) => [m.milestoneId, `m${i}`]));
  const tasks: GanttTask[] = rows.map((m) => ({
    id: ids.get(m.milestoneId) as string,
    name: label(m),
    start: startOf(m, rows),
    end: m.completedOn ?? m.forecastDue,
    progress: m.completedOn ? 100 : 0,
    dependencies: m.dependsOn.map((d) => ids.get(d)).filter((d): d is string => !!d),
    custom_class: `ms-${m.completedOn ? 'done' : m.rag}${m.critical ? '-critical' : ''}`,
  }));
  const holder = h('div', { class: 'gantt-holder', id: 'gantt' });
  const chart = h('div', { class: 'gantt-target' });
  holder.append(chart);
  // frappe-gantt measures its container, so it is drawn once the section is in the document.
  requestAnimationFrame(() => {
    new Gantt(chart, tasks, {
      view_mode: 'Month',
      view_modes: [MONTHS],
      readonly: true,
      today_button: false,
      view_mode_select: false,
      infinite_padding: false,
      scroll_to: 'start',
      bar_height: 22,
      padding: 16,
      lines: 'vertical',
      popup_on: 'click',
      popup: (ctx: PopupContext) => {
        const m = rows[Number(ctx.task.id.slice(1))];
        ctx.set_title(escapeHtml(m.title));
        ctx.set_subtitle(escapeHtml(m.owner));
        ctx.set_details(
          escapeHtml(
            `Baseline ${longDate(m.baselineDue)}; forecast ${longDate(m.forecastDue)}; ${m.completedOn ? `done ${longDate(m.completedOn)}` : m.ragReason}`,
          ),
        );
      },
    });
    overlay(chart, rows, tasks, timeline.today, todayLabel);
    // The chart scrolls sideways: keyboard users reach it with Tab and scroll it with the arrow keys.
    const scroller = chart.querySelector('.gantt-container');
    scroller?.setAttribute('tabindex', '0');
    scroller?.setAttribute('role', 'region');
    scroller?.setAttribute(
      'aria-label',
      `Gantt chart of ${rows.length} milestones (the table after it lists them in words)`,
    );
  });
  return [legend(timeline, todayLabel), holder, milestoneTable(rows, timeline)];
}

function label(m: TimelineRow): string {
  const state = m.completedOn
    ? 'done'
    : m.rag === 'red'
      ? 'overdue'
      : m.rag === 'amber'
        ? 'slipping'
        : 'on track';
  return `${m.critical ? '◆ ' : ''}${m.title} (${state})`;
}

/** Baseline bars and the today line, placed by the chart's own scale (read from its first bar). */
function overlay(
  chart: HTMLElement,
  rows: TimelineRow[],
  tasks: GanttTask[],
  today: string,
  todayLabel: string,
): void {
  const svg = chart.querySelector('svg');
  const first = chart.querySelector<SVGRectElement>(`.bar-wrapper[data-id="${tasks[0].id}"] .bar`);
  if (!svg || !first) return;
  const t0 = Date.parse(`${tasks[0].start}T00:00:00`);
  const t1 = Date.parse(`${addDays(tasks[0].end, 1)}T00:00:00`);
  const x0 = Number(first.getAttribute('x'));
  const perMs = Number(first.getAttribute('width')) / (t1 - t0);
  const xOf = (day: string) => x0 + (Date.parse(`${day}T00:00:00`) - t0) * perMs;
  rows.forEach((m, i) => {
    const bar = chart.querySelector<SVGRectElement>(`.bar-wrapper[data-id="${tasks[i].id}"] .bar`);
    if (!bar) return;
    const y = Number(bar.getAttribute('y')) + Number(bar.getAttribute('height')) + 2;
    const from = Number(bar.getAttribute('x'));
    const to = xOf(addDays(m.baselineDue, 1));
    svg.append(
      svgEl('rect', {
        class: 'baseline-bar',
        x: Math.min(from, to - 4),
        y,
        width: Math.max(4, Math.abs(to - from)),
        height: 4,
      }),
    );
  });
  const x = xOf(today);
  const width = Number(svg.getAttribute('width') ?? svg.getBoundingClientRect().width);
  if (x > 0 && x < width) {
    svg.append(
      svgEl('line', {
        class: 'today-line',
        x1: x,
        x2: x,
        y1: 0,
        y2: Number(svg.getAttribute('height') ?? 0),
      }),
    );
    const text = svgEl('text', { class: 'today-label', x: x + 4, y: 14 });
    text.textContent = todayLabel;
    svg.append(text);
  }
}

function svgEl(name: string, attrs: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

function legend(timeline: Timeline, todayLabel: string): HTMLElement {
  const item = (cls: string, text: string) =>
    h('li', {}, h('span', { class: `legend__swatch ${cls}`, 'aria-hidden': 'true' }), text);
  const todayInRange = timeline.milestones.some((m) => (m.completedOn ?? m.forecastDue) >= timeline.today);
  return h(
    'div',
    { class: 'legend' },
    h('ul', { class: 'legend__list' }, [
      item('legend--done', 'Completed (bar ends on the actual date)'),
      item('legend--forecast', 'Open (bar ends on the forecast date)'),
      item('legend--baseline', 'Baseline date (thin bar beneath)'),
      item('legend--critical', '◆ Critical path (thick outline)'),
      item(
        'legend--today',
        todayInRange ? todayLabel : `${todayLabel} (${longDate(timeline.today)}) is after the last milestone`,
      ),
    ]),
  );
}

function milestoneTable(rows: TimelineRow[], timeline: Timeline): HTMLElement {
  const titles = new Map(rows.map((m) => [m.milestoneId, m.title]));
  const slip = (m: TimelineRow) =>
    m.slippageDays === 0
      ? 'None'
      : m.slippageDays > 0
        ? `${m.slippageDays} days late`
        : `${-m.slippageDays} days early`;
  return h(
    'details',
    { class: 'details', id: 'milestone-details' },
    h(
      'summary',
      { class: 'details__summary' },
      `Milestones in words (${rows.length}; ${timeline.criticalPath.length} on the critical path)`,
    ),
    table(
      'Milestones: baseline, forecast and actual dates',
      ['Milestone', 'Baseline', 'Forecast', 'Actual', 'Slippage', 'Status', 'Critical path', 'Depends on'],
      rows.map((m) => [
        [m.title, h('span', { class: 'secondary' }, m.owner)],
        longDate(m.baselineDue),
        longDate(m.forecastDue),
        m.completedOn ? longDate(m.completedOn) : 'Not yet',
        slip(m),
        [ragTag(m.rag), h('span', { class: 'secondary' }, m.ragReason)],
        m.critical ? 'Yes' : 'No',
        m.dependsOn.map((d) => titles.get(d) ?? d).join('; ') || '—',
      ]),
    ),
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
