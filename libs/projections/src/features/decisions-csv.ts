import { londonIso } from '@trustworks/platform';
import { toCsv } from '../domain/csv';
import type { DecisionRow } from '../store/projection-db';

const HEADER = [
  'Decision',
  'Title',
  'Tier',
  'Lead agency',
  'Meeting',
  'Meeting body',
  'Meeting held on',
  'Rationale',
  'Decided on',
  'Effective from',
  'Recorded by',
  'Recorded at (UK time)',
] as const;

/** Dates the user wrote stay as written (YYYY-MM-DD); the recording instant is shown as UK time. */
export function decisionsCsv(decisions: Array<Omit<DecisionRow, 'trustId' | 'seq'>>): string {
  return toCsv(
    HEADER,
    decisions.map((d) => [
      d.decisionId,
      d.title,
      d.tier,
      d.leadAgency,
      d.meetingId,
      d.meetingBody,
      d.meetingHeldOn,
      d.rationale,
      d.decidedOn,
      d.effectiveFrom,
      d.recordedBy,
      londonIso(new Date(d.recordedAt)),
    ]),
  );
}
