import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@trustworks/event-store';
import {
  addDays,
  decide,
  evolve,
  initialState,
  type TrustEvent,
  type TrustState,
} from '@trustworks/trust-domain';
import { event, statutoryMembers, toShadow, trustProposed } from '@trustworks/trust-domain/decider/fixtures';
import { fromJune, toJune } from '@trustworks/trust-domain/decider/cheshire-east.programme';
import { TEST_CONTEXT } from '@trustworks/trust-domain/decider/testing';
import { settingsStream } from '../domain/events';
import { ReminderDb } from '../store/reminder-db';
import { ReminderProjector, type LoadTrust } from './reminder-projector';

const TRUST = 'cheshire-east';

/** Cheshire East's programme (Oct 2008 to Apr 2010) as stored events, and the state after each. */
function programme(): { events: RecordedEvent[]; states: TrustState[] } {
  const events: RecordedEvent[] = [];
  const states: TrustState[] = [];
  let state = initialState();
  for (const command of [...toJune, ...fromJune]) {
    const decision = decide(state, command, TEST_CONTEXT);
    if (decision.kind === 'rejected') throw new Error(decision.error.message);
    for (const event of decision.events as TrustEvent[]) {
      state = evolve(state, event);
      states.push(state);
      events.push(recorded(`trust-${TRUST}`, events.length, event.type, event.data));
    }
  }
  return { events, states };
}

function recorded(stream: string, revision: number, type: string, data: unknown): RecordedEvent {
  return {
    id: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
    stream,
    revision,
    position: revision,
    type,
    data: data as Record<string, unknown>,
    metadata: {
      actor: 'pm',
      authority: TRUST,
      correlationId: 'c',
      causationId: 'c',
      recordedAt: '2026-11-22T09:00:00.000Z',
      schemaVersion: 1,
    },
  };
}

/** The trust's events as stored, and a loader giving the state at least up to a revision (as the repository does). */
function storedTrust(trustEvents: readonly TrustEvent[]): { events: RecordedEvent[]; load: LoadTrust } {
  const states: TrustState[] = [];
  trustEvents.reduce((state, e) => {
    const next = evolve(state, e);
    states.push(next);
    return next;
  }, initialState());
  return {
    events: trustEvents.map((e, i) => recorded(`trust-${TRUST}`, i, e.type, e.data)),
    load: async (_trustId, revision) => states[revision ?? states.length - 1],
  };
}

const idOf = (row: unknown) => (row as { schedule_id: string }).schedule_id;
const sameId = (a: unknown, b: unknown) => idOf(a) === idOf(b);

function scheduleRows(projector: ReminderProjector): unknown[] {
  return projector.db.db.prepare('SELECT * FROM schedule ORDER BY schedule_id').all();
}

describe('ReminderProjector writes only the entries that changed', () => {
  const { events: trustEvents, states } = programme();
  // Half way through, the trust's reminders move to 7 a.m.: every entry's send hour changes.
  const half = Math.floor(trustEvents.length / 2);
  const settings = {
    ...recorded(settingsStream(TRUST), 0, 'ReminderSettingsChanged', {
      trustId: TRUST,
      authority: TRUST,
      settings: { sendHour: 7 },
    }),
  };
  const events = [...trustEvents.slice(0, half), settings, ...trustEvents.slice(half)].map((e, i) => ({
    ...e,
    position: i,
  }));
  // The state at least up to the revision asked for, as the repository gives it.
  const load = async (_trustId: string, revision?: number) => states[revision ?? states.length - 1];

  async function project(batchSizes: (i: number) => number): Promise<unknown[]> {
    const projector = new ReminderProjector(ReminderDb.open(':memory:'), load);
    try {
      for (let i = 0, b = 0; i < events.length; b += 1) {
        const batch = events.slice(i, i + batchSizes(b));
        await projector.apply(batch, batch[batch.length - 1].position);
        i += batch.length;
      }
      return scheduleRows(projector);
    } finally {
      projector.db.close();
    }
  }

  it('ends with exactly the schedule a single rebuild writes, whatever the batches', async () => {
    const rebuilt = await project(() => events.length);
    expect(rebuilt.length).toBeGreaterThan(10);
    expect(rebuilt.every((row) => (row as { send_hour: number }).send_hour === 7)).toBe(true);
    expect(await project(() => 1)).toEqual(rebuilt);
    expect(await project((b) => 1 + ((b * 7) % 5))).toEqual(rebuilt);
  });

  it('matches a rebuild at every step along the way, not only at the end', async () => {
    const live = new ReminderProjector(ReminderDb.open(':memory:'), load);
    try {
      for (const [i, event] of events.entries()) {
        await live.apply([event], event.position);
        if (i % 10 !== 0) continue;
        const fresh = new ReminderProjector(ReminderDb.open(':memory:'), load);
        await fresh.apply(events.slice(0, i + 1), event.position);
        expect(scheduleRows(live)).toEqual(scheduleRows(fresh));
        fresh.db.close();
      }
    } finally {
      live.db.close();
    }
  });

  it('writes an entry only when what it says changed, even when the schedule rebuilt it as a new object', async () => {
    const live = new ReminderProjector(ReminderDb.open(':memory:'), load);
    const written: string[][] = [];
    const update = live.db.updateSchedule.bind(live.db);
    live.db.updateSchedule = (changed, removed, sendHour) => {
      written.push([...changed.map((entry) => entry.scheduleId), ...removed]);
      update(changed, removed, sendHour);
    };
    // A whole rewrite (the first schedule, a new send hour) writes every entry and drops the rest.
    const replace = live.db.replaceSchedule.bind(live.db);
    live.db.replaceSchedule = (trustId, entries, sendHour) => {
      const held = scheduleRows(live).map(idOf);
      written.push([
        ...entries.map((entry) => entry.scheduleId),
        ...held.filter((id) => !entries.some((e) => e.scheduleId === id)),
      ]);
      replace(trustId, entries, sendHour);
    };
    try {
      let before = scheduleRows(live);
      for (const event of events) {
        written.length = 0;
        await live.apply([event], event.position);
        const after = scheduleRows(live) as { schedule_id: string }[];
        const differing = after
          .filter((row) => JSON.stringify(row) !== JSON.stringify(before.find((b) => sameId(b, row))))
          .map((row) => row.schedule_id);
        const gone = before.filter((b) => !after.some((row) => sameId(b, row))).map(idOf);
        // Exactly the rows that differ are written: none of the unchanged ones again.
        expect(written.flat().sort()).toEqual([...differing, ...gone].sort());
        before = after;
      }
    } finally {
      live.db.close();
    }
  });

  it('matches a rebuild when two processes take turns on the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trustworks-reminders-two-'));
    const path = join(dir, 'reminders.sqlite');
    const a = new ReminderProjector(ReminderDb.open(path), load);
    const b = new ReminderProjector(ReminderDb.open(path), load);
    const fresh = new ReminderProjector(ReminderDb.open(':memory:'), load);
    try {
      // Uneven turns: each sees the other's rows and checkpoint in between.
      for (let i = 0, turn = 0; i < events.length; turn += 1) {
        const batch = events.slice(i, i + 1 + (turn % 4));
        await (turn % 3 === 1 ? b : a).apply(batch, batch[batch.length - 1].position);
        i += batch.length;
        await fresh.apply(events.slice(0, i), events[i - 1].position);
        expect(scheduleRows(a)).toEqual(scheduleRows(fresh));
        fresh.reset();
      }
    } finally {
      a.db.close();
      b.db.close();
      fresh.db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves no row of the other process behind when its own next schedule equals its last', async () => {
    // A milestone moved by one process and moved back by the other: the second's new schedule is
    // the same as the one it last wrote, but the rows on file are the first process's.
    const trustEvents: TrustEvent[] = [
      ...toShadow(trustProposed({ trustId: TRUST })),
      event('MilestoneScheduled', {
        milestoneId: 'business-unit',
        title: 'Business unit established',
        owner: 'Business Unit Manager',
        baselineDue: '2009-06-30',
        dependsOn: [],
        occurredAt: '2009-01-15',
      }),
      ...['2009-09-30', '2009-06-30'].map((newDue) =>
        event('MilestoneRebaselined', {
          milestoneId: 'business-unit',
          newDue,
          reason: 'Funding timetable',
          approvedBy: 'Implementation Board',
          occurredAt: '2009-05-01',
        }),
      ),
    ];
    const { events: stored, load: loadFolded } = storedTrust(trustEvents);
    const dir = mkdtempSync(join(tmpdir(), 'trustworks-reminders-back-'));
    const path = join(dir, 'reminders.sqlite');
    const a = new ReminderProjector(ReminderDb.open(path), loadFolded);
    const b = new ReminderProjector(ReminderDb.open(path), loadFolded);
    const whole = new ReminderProjector(ReminderDb.open(':memory:'), loadFolded);
    try {
      const last = stored.length - 1;
      await a.apply(stored.slice(0, last - 1), last - 2);
      await b.apply([stored[last - 1]], last - 1);
      await a.apply([stored[last]], last);
      await whole.apply(stored, last);
      expect(scheduleRows(a)).toEqual(scheduleRows(whole));
    } finally {
      a.db.close();
      b.db.close();
      whole.db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ReminderProjector on a record longer than one segment of its decision log', () => {
  // 150 decisions that each take effect a month after they are made (so each has reminders), with a
  // board meeting before each: the log spans three segments, and every event changes the schedule.
  const trustEvents: TrustEvent[] = [...toShadow(trustProposed({ trustId: TRUST })), ...statutoryMembers()];
  for (let k = 0; k < 150; k += 1) {
    const day = addDays('2009-02-01', k);
    trustEvents.push(
      event('MeetingHeld', {
        meetingId: `mtg-${k}`,
        body: 'implementation-board',
        attendees: ['m-local-authority', 'm-primary-care-trust'],
        apologies: [],
        quorumMet: true,
        occurredAt: day,
      }),
      event('DecisionRecorded', {
        decisionId: `dec-${k}`,
        title: `Decision ${k}`,
        tier: 'board',
        leadAgency: 'The Council',
        rationale: 'Agreed by the board',
        meetingId: `mtg-${k}`,
        effectiveFrom: addDays(day, 30),
        occurredAt: day,
      }),
    );
  }
  const { events, load } = storedTrust(trustEvents);

  it('writes, event by event, exactly the new entries and ends with what one rebuild writes', async () => {
    const live = new ReminderProjector(ReminderDb.open(':memory:'), load);
    const whole = new ReminderProjector(ReminderDb.open(':memory:'), load);
    const written: string[] = [];
    const update = live.db.updateSchedule.bind(live.db);
    live.db.updateSchedule = (changed, removed, sendHour) => {
      written.push(...changed.map((entry) => entry.scheduleId), ...removed);
      update(changed, removed, sendHour);
    };
    try {
      let before = scheduleRows(live) as { schedule_id: string }[];
      for (const e of events) {
        written.length = 0;
        await live.apply([e], e.position);
        const after = scheduleRows(live) as { schedule_id: string }[];
        if (before.length > 0) {
          const held = new Map(before.map((row) => [row.schedule_id, JSON.stringify(row)]));
          const differing = after.filter((row) => held.get(row.schedule_id) !== JSON.stringify(row));
          const gone = before.filter((row) => !after.some((a) => a.schedule_id === row.schedule_id));
          expect(written.sort()).toEqual([...differing, ...gone].map(idOf).sort());
        }
        before = after;
      }
      await whole.apply(events, events[events.length - 1].position);
      const rebuilt = scheduleRows(whole);
      expect(
        rebuilt.filter((row) => idOf(row).startsWith('decision-effective')).length,
      ).toBeGreaterThanOrEqual(150);
      expect(scheduleRows(live)).toEqual(rebuilt);
    } finally {
      live.db.close();
      whole.db.close();
    }
  });

  it('forgets a schedule it updated for a batch whose commit failed (a fault injected after the schedule rows), and writes it whole again', async () => {
    const live = new ReminderProjector(ReminderDb.open(':memory:'), load);
    const whole = new ReminderProjector(ReminderDb.open(':memory:'), load);
    try {
      const middle = 100;
      await live.apply(events.slice(0, middle), middle - 1);
      // The schedule rows are written, then the checkpoint fails: the transaction rolls them back.
      const setCheckpoint = live.db.setCheckpoint.bind(live.db);
      live.db.setCheckpoint = () => {
        throw new Error('disk I/O error (injected)');
      };
      await expect(live.apply(events.slice(middle, middle + 7), middle + 6)).rejects.toThrow('injected');
      live.db.setCheckpoint = setCheckpoint;
      for (const e of events.slice(middle)) await live.apply([e], e.position);
      await whole.apply(events, events[events.length - 1].position);
      expect(scheduleRows(live)).toEqual(scheduleRows(whole));
    } finally {
      live.db.close();
      whole.db.close();
    }
  });
});
