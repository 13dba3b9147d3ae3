/**
 * What a calendar shows for a trust's milestone, from the projected facts. Pure: no clock, no I/O,
 * so the same read model always gives the same entries (which is what makes the feed's ETag honest).
 */
import type { MilestoneFacts } from '@trustworks/projections';

export interface TrustFacts {
  trustId: string;
  authority: string;
  name: string;
  /** The trust stream revision the milestones were projected at. */
  revision: number;
}

export interface CalendarEntry {
  /** Stable across rebaselines and completion, so a subscribed calendar updates the entry in place. */
  uid: string;
  /** An all-day date, `YYYY-MM-DD` (a day in England). */
  date: string;
  /**
   * RFC 5545 SEQUENCE: the trust's revision. It only ever grows and every rebaseline or completion is a
   * new revision, so clients replace the entry; other changes to the trust bump it too, harmlessly.
   */
  sequence: number;
  summary: string;
  description: string;
  completed: boolean;
  categories: string[];
  /** The trust's page in the web UI. */
  url: string;
}

export const COMPLETED_CATEGORY = 'Completed';
export const MILESTONE_CATEGORY = 'Trustworks milestone';

export function milestoneUid(trustId: string, milestoneId: string): string {
  return `${trustId}.${milestoneId}@trustworks`;
}

export function trustPageUrl(baseUrl: string, trustId: string): string {
  return `${baseUrl}/trust/${encodeURIComponent(trustId)}`;
}

/**
 * An open milestone sits on its current forecast date. A completed one moves to the day it was
 * completed, marked "Completed" in its summary and category: the calendar then tells what happened
 * when, and an early completion no longer looks due on a day that no longer matters.
 */
export function calendarEntry(
  trust: TrustFacts,
  m: MilestoneFacts,
  baseUrl: string,
  titles: ReadonlyMap<string, string> = new Map(),
): CalendarEntry {
  const completed = m.completedOn !== null;
  const url = trustPageUrl(baseUrl, trust.trustId);
  return {
    uid: milestoneUid(trust.trustId, m.milestoneId),
    date: m.completedOn ?? m.forecastDue,
    sequence: trust.revision,
    summary: `${completed ? 'Completed: ' : ''}${m.title} (${trust.name})`,
    description: describe(trust, m, url, titles),
    completed,
    categories: completed ? [MILESTONE_CATEGORY, COMPLETED_CATEGORY] : [MILESTONE_CATEGORY],
    url,
  };
}

/** Whether a milestone's owner is the one asked for: same words, ignoring case and outer spaces. */
export function ownedBy(m: MilestoneFacts, owner: string | undefined): boolean {
  return owner === undefined || m.owner.trim().toLowerCase() === owner.trim().toLowerCase();
}

/** The entries of one trust's milestones (those of `owner` when given), dependencies named by title. */
export function calendarEntries(
  trust: TrustFacts,
  milestones: MilestoneFacts[],
  baseUrl: string,
  owner?: string,
): CalendarEntry[] {
  const titles = new Map(milestones.map((m) => [m.milestoneId, m.title]));
  return milestones.filter((m) => ownedBy(m, owner)).map((m) => calendarEntry(trust, m, baseUrl, titles));
}

function describe(
  trust: TrustFacts,
  m: MilestoneFacts,
  url: string,
  titles: ReadonlyMap<string, string>,
): string {
  const lines = [
    `Trust: ${trust.name} (${trust.authority})`,
    `Milestone: ${m.title}`,
    `Owner: ${m.owner}`,
    `Status: ${m.completedOn === null ? 'Open' : `Completed on ${longDate(m.completedOn)}`}`,
    `Baseline date: ${longDate(m.baselineDue)}`,
    `Forecast date: ${longDate(m.forecastDue)}${slipped(m.baselineDue, m.forecastDue)}`,
  ];
  if (m.phase) lines.push(`Phase: ${m.phase}`);
  if (m.gate) lines.push(`Gate: ${m.gate}`);
  if (m.dependsOn.length > 0)
    lines.push(`Depends on: ${m.dependsOn.map((id) => titles.get(id) ?? id).join('; ')}`);
  lines.push(`Trust page: ${url}`);
  return lines.join('\n');
}

function slipped(baseline: string, forecast: string): string {
  const days = Math.round(
    (Date.parse(`${forecast}T00:00:00Z`) - Date.parse(`${baseline}T00:00:00Z`)) / 86_400_000,
  );
  if (days === 0) return ' (as baselined)';
  const n = Math.abs(days);
  return ` (${n} day${n === 1 ? '' : 's'} ${days > 0 ? 'later' : 'earlier'} than baselined)`;
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2009-07-01` as "1 July 2009": the date as written, whatever the server's time zone. */
export function longDate(date: string): string {
  return LONG_DATE.format(new Date(`${date}T00:00:00Z`));
}
