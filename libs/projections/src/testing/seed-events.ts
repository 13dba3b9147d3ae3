/**
 * Realistic trust streams written straight into an event-store file, for the checkpoint tests and
 * the projection benchmark (not exported from the library). Each trust is proposed, approved,
 * convened, given its statutory members and a six-milestone programme, then holds meetings and
 * records decisions; events of all trusts interleave, as they would in a real store.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@trustworks/event-store';
import { CURRENT_SCHEMA_VERSIONS, addDays, type TrustEvent } from '@trustworks/trust-domain';
import { event, statutoryMembers, toShadow, trustProposed } from '@trustworks/trust-domain/decider/fixtures';

const MILESTONES = ['facilitator', 'board', 'key-issues', 'vesting', 'inauguration', 'plan'];

function opening(trustId: string, authority: string): TrustEvent[] {
  const programme = MILESTONES.map((id, k) =>
    event('MilestoneScheduled', {
      milestoneId: id,
      title: `Milestone ${id}`,
      owner: 'DCS',
      baselineDue: addDays('2009-01-31', 30 * k),
      dependsOn: k === 0 ? [] : [MILESTONES[k - 1]],
      occurredAt: '2009-01-16',
    }),
  );
  return [
    ...toShadow(trustProposed({ trustId, authority, name: `Trust ${trustId}` })),
    ...statutoryMembers(),
    ...programme,
  ];
}

const OPENING_LENGTH = opening('probe', 'probe').length;

/** The n-th event of a trust's stream (n ≥ 0). */
export function trustEvent(trustId: string, authority: string, n: number): TrustEvent {
  if (n < OPENING_LENGTH) return opening(trustId, authority)[n];
  const k = n - OPENING_LENGTH;
  const day = addDays('2009-02-01', Math.floor(k / 2) % 3000);
  if (k === 3)
    return event('MilestoneCompleted', { milestoneId: 'facilitator', note: null, occurredAt: day });
  if (k % 2 === 0) {
    return event('MeetingHeld', {
      meetingId: `mtg-${k}`,
      body: 'implementation-board',
      attendees: ['m-local-authority', 'm-primary-care-trust', 'm-police-authority'],
      apologies: ['m-connexions'],
      quorumMet: true,
      occurredAt: day,
    });
  }
  return event('DecisionRecorded', {
    decisionId: `dec-${k}`,
    title: `Decision ${k} of the implementation board`,
    tier: 'board',
    leadAgency: 'The Council',
    rationale: 'Agreed by the implementation board after consultation with partners',
    meetingId: `mtg-${k - 1}`,
    effectiveFrom: day,
    occurredAt: day,
  });
}

/**
 * Appends events `fromEvent` .. `fromEvent + perTrust - 1` to each of `trusts` trust streams, round by round (every trust's n-th
 * event before any trust's n+1-th), in large transactions. Returns how many events were written.
 */
export function seedTrustEvents(path: string, trusts: number, perTrust: number, fromEvent = 0): number {
  SqliteEventStore.open({ path }).close();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const round = db.transaction((n: number) => {
    for (let t = 0; t < trusts; t += 1) {
      const trustId = `seed-${t}`;
      const e = trustEvent(trustId, `authority-${t % 20}`, n);
      const id = randomUUID();
      const metadata = {
        actor: 'seed@trustworks',
        authority: `authority-${t % 20}`,
        correlationId: id,
        causationId: id,
        recordedAt: new Date(Date.UTC(2009, 0, 1) + n * 60_000).toISOString(),
        schemaVersion: CURRENT_SCHEMA_VERSIONS[e.type],
      };
      insert.run(`trust-${trustId}`, n, id, e.type, JSON.stringify(e.data), JSON.stringify(metadata));
    }
  });
  for (let n = fromEvent; n < fromEvent + perTrust; n += 1) round(n);
  db.close();
  return trusts * perTrust;
}
