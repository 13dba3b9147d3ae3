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
