import type { Rag } from './types';

const LONG = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "2009-07-01" → "1 July 2009" (a calendar day in England, read at noon UTC so it never shifts). */
export function longDate(day: string | null | undefined): string {
  if (!day) return '—';
  return LONG.format(new Date(`${day.slice(0, 10)}T12:00:00Z`));
}

/** Today as a calendar day in England. */
export function londonToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

const LABELS: Record<string, string> = {
  'cheshire-east': 'Cheshire East',
  'objectives-priorities-targets': 'Objectives, priorities and targets',
  'business-unit': 'Business unit role and resources',
  'fe-college': 'FE college',
  'sixth-form-college': 'Sixth-form college',
  'jobcentre-plus': 'Jobcentre Plus',
  'learning-and-skills-council': 'Learning and Skills Council',
  'strategic-health-authority': 'Strategic health authority',
  'primary-care-trust': 'Primary care trust (PCT)',
  'youth-offending-team': 'Youth offending team (YOT)',
  connexions: 'Connexions',
  'schools-forum': 'Schools Forum',
  'implementation-group': 'Implementation group',
  lscb: 'Local Safeguarding Children Board (LSCB)',
};

/** "strategic-commissioning" → "Strategic commissioning". */
export function humanise(id: string): string {
  if (LABELS[id]) return LABELS[id];
  const words = id.replace(/^closed:/, 'closed: ').replace(/[-_]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const PHASES: Record<string, string> = {
  'not-proposed': 'Not proposed',
  proposed: 'Proposed',
  approved: 'Approved to proceed',
  shadow: 'Shadow board',
  vesting: 'Vested, shadow board',
  ready: 'Ready for inauguration',
  operating: 'Operating',
  'under-review': 'Under review',
};

export function phaseLabel(phase: string): string {
  if (phase.startsWith('closed:')) return `Closed (${humanise(phase.slice('closed:'.length))})`;
  return PHASES[phase] ?? humanise(phase);
}

export const RAG_LABEL: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant as the wall-clock time in England: `{ day: "2009-01-27", time: "08:00" }`. */
export function londonWallClock(instant: Date): { day: string; time: string } {
  const p = Object.fromEntries(LONDON_PARTS.formatToParts(instant).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** "2009-01-27T08:00:00Z" → "27 January 2009 at 08:00" (the time in England, GMT or BST). */
export function londonDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const { day, time } = londonWallClock(at);
  return `${longDate(day)} at ${time}`;
}

/**
 * A `datetime-local` value read as a time in England ("2009-01-28T08:00") → ISO-8601 UTC. The
 * offset (GMT or BST) is the one in force at that time; null when the value is not a date-time.
 */
export function londonInputToIso(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  if (Number.isNaN(wall)) return null;
  const offsetAt = (t: number) => {
    const { day, time } = londonWallClock(new Date(t));
    return Date.parse(`${day}T${time}:00Z`) - Math.floor(t / 60_000) * 60_000;
  };
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first)).toISOString();
}

/** Tomorrow in England at a given hour, as a `datetime-local` value. */
export function londonTomorrowAt(hour: number, now = new Date()): string {
  return `${addDays(londonToday(now), 1)}T${String(hour).padStart(2, '0')}:00`;
}

/** ["a", "b", "c"] → "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
