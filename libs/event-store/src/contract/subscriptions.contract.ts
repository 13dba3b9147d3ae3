import type { SubscriptionMessage } from '../port/event-store.port';
import { testEvent, testEvents, uniquePrefix, uniqueStream } from './test-events';
import type { ContractContext } from './context.contract';
import {
  LIVE_MS,
  QUIET_MS,
  Progress,
  delay,
  eventsOf,
  expectStrictlyIncreasing,
  ids,
  isCaughtUp,
  lastCheckpoint,
  runWriters,
  withTimeout,
} from './support.contract';

/** subscribeToAll: catch-up then live, and checkpoints. */
export function subscriptionContract(c: ContractContext): void {
  const { append, readStream, readPrefix, record } = c;

  describe('subscribing to all: catch-up then live', () => {
    it("delivers past events, then caughtUp once, then live events, from 'start'", async () => {
      const prefix = uniquePrefix();
      await append(`${prefix}-a`, testEvents(3));
      await append(`${prefix}-b`, testEvents(2));
      const past = await readPrefix(prefix);
      const sub = record(
        c.store().subscribeToAll({ fromPosition: 'start', filter: { streamPrefixes: [prefix] } }),
      );
      await sub.waitFor('caughtUp', (m) => m.some(isCaughtUp));
      const live = [testEvent(), testEvent()];
      await append(`${prefix}-a`, live.slice(0, 1));
      await append(`${prefix}-c`, live.slice(1));
      const messages = await sub.waitFor('live events', (m) => eventsOf(m).length === 7);
      const caughtUpAt = messages.findIndex(isCaughtUp);
      expect(ids(eventsOf(messages.slice(0, caughtUpAt)))).toEqual(ids(past));
      expect(ids(eventsOf(messages.slice(caughtUpAt)))).toEqual(ids(live));
      expect(messages.filter(isCaughtUp)).toHaveLength(1);
      expectStrictlyIncreasing(eventsOf(messages).map((e) => e.position));
      const caughtUp = messages[caughtUpAt] as Extract<SubscriptionMessage, { type: 'caughtUp' }>;
      expect(caughtUp.position).not.toBeNull();
      expect(caughtUp.position!).toBeGreaterThanOrEqual(past.at(-1)!.position);
    });

    it('treats a numeric fromPosition as an exclusive checkpoint', async () => {
      const stream = uniqueStream();
      await append(stream, testEvents(10));
      const past = await readStream(stream);
      const sub = record(
        c.store().subscribeToAll({ fromPosition: past[4].position, filter: { streamPrefixes: [stream] } }),
      );
      const messages = await sub.waitFor('caughtUp', (m) => m.some(isCaughtUp));
      expect(ids(eventsOf(messages))).toEqual(ids(past.slice(5)));
    });

    it('delivers nothing before caughtUp when subscribed from the head position', async () => {
      const stream = uniqueStream();
      const { position } = await append(stream, testEvents(3));
      const sub = record(
        c.store().subscribeToAll({ fromPosition: position, filter: { streamPrefixes: [stream] } }),
      );
      await sub.waitFor('caughtUp', (m) => m.some(isCaughtUp));
      const event = testEvent();
      await append(stream, [event]);
      const messages = await sub.waitFor('the live event', (m) => eventsOf(m).length >= 1);
      expect(ids(eventsOf(messages))).toEqual([event.id]);
    });

    it("delivers only events committed after subscribing from 'end'", async () => {
      const prefix = uniquePrefix();
      await append(`${prefix}-a`, testEvents(5));
      const sub = record(
        c.store().subscribeToAll({ fromPosition: 'end', filter: { streamPrefixes: [prefix] } }),
      );
      await sub.waitFor('caughtUp', (m) => m.some(isCaughtUp));
      const fresh = testEvents(3);
      await append(`${prefix}-a`, fresh.slice(0, 2));
      await append(`${prefix}-b`, fresh.slice(2));
      const messages = await sub.waitFor('new events', (m) => eventsOf(m).some((e) => e.id === fresh[2].id));
      expect(ids(eventsOf(messages))).toEqual(ids(fresh));
    });

    it("delivers an event appended right after subscribing from 'end', without waiting", async () => {
      const stream = uniqueStream();
      await append(stream, testEvents(2));
      const sub = record(
        c.store().subscribeToAll({ fromPosition: 'end', filter: { streamPrefixes: [stream] } }),
      );
      const event = testEvent();
      await append(stream, [event]);
      const messages = await sub.waitFor('the event', (m) => eventsOf(m).length >= 1);
      expect(ids(eventsOf(messages))).toEqual([event.id]);
    });

    it('applies the filter to catch-up and live events alike', async () => {
      const prefix = uniquePrefix();
      await append(`${prefix}-keep`, [testEvent('Wanted'), testEvent('Unwanted')]);
      await append(`${prefix}-skip`, [testEvent('Wanted')]);
      const filterBoth = { streamPrefixes: [`${prefix}-keep`], eventTypes: ['Wanted'] };
      const sub = record(c.store().subscribeToAll({ filter: filterBoth }));
      await sub.waitFor('caughtUp', (m) => m.some(isCaughtUp));
      await append(`${prefix}-skip`, [testEvent('Wanted')]);
      await append(`${prefix}-keep`, [testEvent('Unwanted')]);
      const last = testEvent('Wanted');
      await append(`${prefix}-keep`, [last]);
      const messages = await sub.waitFor('the last wanted event', (m) =>
        eventsOf(m).some((e) => e.id === last.id),
      );
      const delivered = eventsOf(messages);
      expect(delivered).toHaveLength(2);
      expect(delivered.every((e) => e.type === 'Wanted' && e.stream === `${prefix}-keep`)).toBe(true);
    });

    it('sees every event exactly once and in order while several writers keep appending', async () => {
      const prefix = uniquePrefix();
      for (let i = 0; i < 5; i++) await append(`${prefix}-pre-${i}`, testEvents(10));
      const progress = new Progress();
      const subs = [
        record(c.store().subscribeToAll({ fromPosition: 'start', filter: { streamPrefixes: [prefix] } })),
      ];
      const writing = runWriters(c.store(), prefix, 5, 80, progress);
      writing.catch(() => undefined);
      await withTimeout(progress.reached(120), 'writers reaching 120 events');
      subs.push(record(c.store().subscribeToAll({ filter: { streamPrefixes: [prefix] } })));
      await withTimeout(progress.reached(260), 'writers reaching 260 events');
      subs.push(
        record(c.store().subscribeToAll({ fromPosition: 'start', filter: { streamPrefixes: [prefix] } })),
      );
      await withTimeout(writing, 'writers finishing', LIVE_MS);
      const sentinel = testEvent('Sentinel');
      await append(`${prefix}-sentinel`, [sentinel]);
      const truth = await readPrefix(prefix);
      expect(truth).toHaveLength(50 + 400 + 1);
      for (const [i, sub] of subs.entries()) {
        const messages = await sub.waitFor(`subscriber ${i} reaching the sentinel`, (m) =>
          eventsOf(m).some((e) => e.id === sentinel.id),
        );
        expect(ids(eventsOf(messages))).toEqual(ids(truth));
        expect(messages.filter(isCaughtUp)).toHaveLength(1);
      }
    });

    it('stops delivering after unsubscribe, and appends carry on', async () => {
      const stream = uniqueStream();
      await append(stream, testEvents(2));
      const sub = record(c.store().subscribeToAll({ filter: { streamPrefixes: [stream] } }));
      await sub.waitFor('caughtUp', (m) => m.some(isCaughtUp));
      sub.stop();
      const seen = sub.messages.length;
      await append(stream, testEvents(3));
      await delay(QUIET_MS);
      expect(sub.messages).toHaveLength(seen);
      expect(await readStream(stream)).toHaveLength(5);
    });
  });

  describe('subscription checkpoints', () => {
    it('never checkpoints past a matching event it has not yet delivered', async () => {
      const prefix = uniquePrefix();
      const { wanted } = await appendInterleaved(prefix);
      const sub = record(
        c.store().subscribeToAll({ filter: { streamPrefixes: [prefix], eventTypes: ['Wanted'] } }),
      );
      const messages = await sub.waitFor('caughtUp', (m) => m.some(isCaughtUp));
      await delay(QUIET_MS);
      expect(ids(eventsOf(messages))).toEqual(ids(wanted));
      sub.messages.forEach((message, i) => {
        if (message.type !== 'checkpoint') return;
        const delivered = new Set(ids(eventsOf(sub.messages.slice(0, i))));
        const covered = wanted.filter((e) => e.position <= message.position);
        expect(covered.filter((e) => !delivered.has(e.id))).toEqual([]);
      });
    });

    it('lets a filtered consumer checkpoint past excluded events and resume from there', async () => {
      const prefix = uniquePrefix();
      const { wanted, all } = await appendInterleaved(prefix);
      const filterWanted = { streamPrefixes: [prefix], eventTypes: ['Wanted'] };
      const sub = record(c.store().subscribeToAll({ filter: filterWanted }));
      const lastExcluded = all.at(-1)!;
      const messages = await sub.waitFor('a checkpoint past the excluded tail', (m) =>
        m.some((x) => x.type === 'checkpoint' && x.position >= lastExcluded.position),
      );
      sub.stop();
      expect(ids(eventsOf(messages))).toEqual(ids(wanted));
      const stored = lastCheckpoint(messages)!;
      const fresh = [testEvent('Wanted'), testEvent('Wanted')];
      await append(`${prefix}-late`, fresh);
      const resumed = record(c.store().subscribeToAll({ fromPosition: stored, filter: filterWanted }));
      await resumed.waitFor('the fresh events', (m) => eventsOf(m).length >= 2);
      await delay(QUIET_MS);
      expect(ids(eventsOf(resumed.messages))).toEqual(ids(fresh));
    });

    it('delivers exactly the rest when a consumer resumes from its stored checkpoint', async () => {
      const prefix = uniquePrefix();
      const { wanted } = await appendInterleaved(prefix);
      const filterWanted = { streamPrefixes: [prefix], eventTypes: ['Wanted'] };
      const first = record(c.store().subscribeToAll({ filter: filterWanted }));
      const early = await first.waitFor('the first 7 events', (m) => eventsOf(m).length >= 7);
      first.stop();
      const consumed = eventsOf(early).slice(0, 7);
      const seventh = early.findIndex((m) => m.type === 'event' && m.event.id === consumed[6].id);
      const stored = lastCheckpoint(early.slice(0, seventh + 1))!;
      const more = testEvents(4, 'Wanted');
      await append(`${prefix}-more`, more);
      const second = record(c.store().subscribeToAll({ fromPosition: stored, filter: filterWanted }));
      const rest = await second.waitFor('the rest', (m) => eventsOf(m).some((e) => e.id === more[3].id));
      const all = [...consumed, ...eventsOf(rest)];
      expect(ids(all)).toEqual([...ids(wanted), ...ids(more)]);
    });

    async function appendInterleaved(prefix: string) {
      await append(`${prefix}-x`, testEvents(5, 'Wanted'));
      await append(`${prefix}-y`, testEvents(40, 'Excluded'));
      await append(`${prefix}-x`, testEvents(5, 'Wanted'));
      await append(`${prefix}-z`, testEvents(3, 'Wanted'));
      for (let i = 0; i < 4; i++) await append(`${prefix}-y`, testEvents(25, 'Excluded'));
      const all = await readPrefix(prefix);
      return { all, wanted: all.filter((e) => e.type === 'Wanted') };
    }
  });
}
