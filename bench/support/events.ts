import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@trustworks/event-store';

/** A realistically sized implementation event (about 450 bytes of JSON with its metadata). */
export function benchEvent(i: number): NewEvent {
  const id = randomUUID();
  return {
    id,
    type: i % 3 === 0 ? 'MeetingHeld' : i % 3 === 1 ? 'DecisionRecorded' : 'MilestoneCompleted',
    data: {
      occurredAt: '2009-06-30',
      meetingId: `m-${i}`,
      rationale: 'Agreed by the implementation board after consultation with partners',
      leadAgency: 'Cheshire East Council',
      attendees: ['dcs', 'lead-member', 'pct', 'police'],
    },
    metadata: {
      actor: 'bench@cheshireeast.gov.uk',
      authority: 'cheshire-east',
      correlationId: id,
      causationId: id,
      recordedAt: '2026-11-22T09:00:00.000Z',
      schemaVersion: 1,
    },
  };
}

/** How much of each workload to run: BENCH_SCALE=0.1 for a quick look; 1 is what the issues specify. */
export function scale(n: number): number {
  const factor = Number(process.env.BENCH_SCALE ?? '1');
  return Math.max(1, Math.round(n * (Number.isFinite(factor) && factor > 0 ? factor : 1)));
}
