import {
  BehaviorSubject,
  filter,
  firstValueFrom,
  map,
  Observable,
  Subscription,
  throwError,
  timeout,
} from 'rxjs';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  Position,
  RecordedEvent,
  SubscriptionMessage,
} from '../port/event-store.port';
import {
  DuplicateEventIdError,
  EventStoreError,
  InvalidAppendError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '../port/errors';
import { testEvent, testEvents, testMetadata, uniquePrefix, uniqueStream } from './test-events';

export type EventStoreFactory = () => Promise<{ store: EventStore; teardown: () => Promise<void> }>;

/*
 * The shared contract every event-store adapter passes. It tests only what the port promises, so an
 * adapter over EventStoreDB runs it unchanged: positions are compared, never assumed contiguous, and
 * every test works in its own streams, so a store shared between tests is fine too. Every wait is
 * bounded, so a broken adapter fails a test instead of hanging the run.
 */

const STEP_MS = 5_000;
const LIVE_MS = 15_000;
const QUIET_MS = 400;

export function eventStoreContract(adapterName: string, factory: EventStoreFactory): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let store: EventStore;
    let teardown: () => Promise<void>;
    const recorders: Recorder[] = [];

    const record = (source: Observable<SubscriptionMessage>): Recorder => {
      const recorder = new Recorder(source);
      recorders.push(recorder);
      return recorder;
    };

    beforeEach(async () => {
      ({ store, teardown } = await withTimeout(factory(), `opening the ${adapterName} store`));
    });

    afterEach(async () => {
      recorders.splice(0).forEach((recorder) => recorder.stop());
      await withTimeout(teardown(), `tearing down the ${adapterName} store`);
    });

    const append = (stream: string, events: readonly NewEvent[], expectedRevision?: ExpectedRevision) =>
      withTimeout(
        store.appendToStream(
          stream,
          events,
          expectedRevision === undefined ? undefined : { expectedRevision },
        ),
        `appending ${events.length} event(s) to ${stream}`,
      );
    const readStream = (stream: string, options?: Parameters<EventStore['readStream']>[1]) =>
      collect(store.readStream(stream, options), `reading stream ${stream}`);
    const readAll = (options?: Parameters<EventStore['readAll']>[0]) =>
      collect(store.readAll(options), 'reading all');
    const readPrefix = (prefix: string) => readAll({ filter: { streamPrefixes: [prefix] } });

    describe('identity and lifecycle', () => {
      it('names its kind', () => {
        expect(typeof store.kind).toBe('string');
        expect(store.kind.length).toBeGreaterThan(0);
      });

      it('refuses appends once closed with StoreUnavailableError', async () => {
        await withTimeout(store.close(), 'closing');
        const error = await rejectionOf('append after close', () =>
          store.appendToStream(uniqueStream(), [testEvent()], { expectedRevision: 'no_stream' }),
        );
        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect(error).toMatchObject({ code: 'EVENT_STORE.UNAVAILABLE' });
      });
    });

    describe('appending to and reading a stream', () => {
      it('gives the first event of a new stream revision 0 and numbers a batch gap-free', async () => {
        const stream = uniqueStream();
        const events = testEvents(3);
        const result = await append(stream, events, 'no_stream');
        const read = await readStream(stream);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(ids(read)).toEqual(ids(events));
        expect(read.every((e) => e.stream === stream)).toBe(true);
        expect(result.nextRevision).toBe(2);
      });

      it('continues revisions across appends without gaps', async () => {
        const stream = uniqueStream();
        await append(stream, testEvents(2), 'no_stream');
        const second = await append(stream, testEvents(3), 1);
        await append(stream, [testEvent()], 4);
        expect(second.nextRevision).toBe(4);
        expect((await readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
      });

      it('answers the revision and the global position of the last event it wrote', async () => {
        const stream = uniqueStream();
        await append(stream, testEvents(2));
        const result = await append(stream, testEvents(3));
        const last = (await readStream(stream)).at(-1)!;
        expect(result).toEqual({ nextRevision: last.revision, position: last.position });
        expect(result.nextRevision).toBe(4);
      });

      it("treats a missing expectedRevision as 'any'", async () => {
        const stream = uniqueStream();
        await withTimeout(store.appendToStream(stream, [testEvent()]), 'append without options');
        await withTimeout(store.appendToStream(stream, [testEvent()], {}), 'append with empty options');
        expect(await readStream(stream)).toHaveLength(2);
      });

      it('reads a stream that does not exist as empty', async () => {
        expect(await readStream(uniqueStream('missing'))).toEqual([]);
      });

      it('keeps streams apart, even when one name is a prefix of the other', async () => {
        const stream = uniqueStream();
        await append(stream, testEvents(2));
        await append(`${stream}-child`, testEvents(3));
        expect(await readStream(stream)).toHaveLength(2);
        expect(await readStream(`${stream}-child`)).toHaveLength(3);
      });
    });

    describe('reading a stream with options', () => {
      let stream: string;
      let written: NewEvent[];
      beforeEach(async () => {
        stream = uniqueStream();
        written = testEvents(6);
        await append(stream, written.slice(0, 3), 'no_stream');
        await append(stream, written.slice(3), 2);
      });

      it('reads forwards from an inclusive fromRevision', async () => {
        const read = await readStream(stream, { fromRevision: 2 });
        expect(read.map((e) => e.revision)).toEqual([2, 3, 4, 5]);
        expect(ids(read)).toEqual(ids(written.slice(2)));
      });

      it('reads backwards from the end by default', async () => {
        const read = await readStream(stream, { direction: 'backwards' });
        expect(read.map((e) => e.revision)).toEqual([5, 4, 3, 2, 1, 0]);
        expect(ids(read)).toEqual(ids(written).reverse());
      });

      it('reads backwards from an inclusive fromRevision', async () => {
        const read = await readStream(stream, { direction: 'backwards', fromRevision: 3 });
        expect(read.map((e) => e.revision)).toEqual([3, 2, 1, 0]);
      });

      it('stops after maxCount events in either direction', async () => {
        expect((await readStream(stream, { maxCount: 2 })).map((e) => e.revision)).toEqual([0, 1]);
        expect((await readStream(stream, { fromRevision: 4, maxCount: 5 })).map((e) => e.revision)).toEqual([
          4, 5,
        ]);
        expect(
          (await readStream(stream, { direction: 'backwards', maxCount: 2 })).map((e) => e.revision),
        ).toEqual([5, 4]);
      });

      it('yields nothing forwards from a revision past the end', async () => {
        expect(await readStream(stream, { fromRevision: 6 })).toEqual([]);
      });
    });

    describe('global positions', () => {
      it('are strictly increasing in commit order, across streams and within a batch', async () => {
        const prefix = uniquePrefix();
        const results: AppendResult[] = [];
        results.push(await append(`${prefix}-a`, testEvents(3)));
        results.push(await append(`${prefix}-b`, testEvents(1)));
        results.push(await append(`${prefix}-a`, testEvents(2)));
        results.push(await append(`${prefix}-c`, testEvents(4)));
        const all = await readPrefix(prefix);
        expect(all).toHaveLength(10);
        expectStrictlyIncreasing(all.map((e) => e.position));
        expectStrictlyIncreasing(results.map((r) => r.position));
        expect(all.map((e) => e.stream)).toEqual([
          ...Array(3).fill(`${prefix}-a`),
          `${prefix}-b`,
          ...Array(2).fill(`${prefix}-a`),
          ...Array(4).fill(`${prefix}-c`),
        ]);
        expect(results.map((r) => r.position)).toEqual([2, 3, 5, 9].map((i) => all[i].position));
      });

      it('are safe integers and the same whether read by stream or across all streams', async () => {
        const prefix = uniquePrefix();
        await append(`${prefix}-a`, testEvents(3));
        await append(`${prefix}-b`, testEvents(3));
        const byStream = [...(await readStream(`${prefix}-a`)), ...(await readStream(`${prefix}-b`))];
        const all = await readPrefix(prefix);
        expect(all.every((e) => Number.isSafeInteger(e.position))).toBe(true);
        for (const event of byStream) {
          expect(all.find((e) => e.id === event.id)).toEqual(event);
        }
      });

      it('reports the head: null exactly when the store is empty, then the last committed position', async () => {
        const existing = await readAll();
        const head = await withTimeout(store.headPosition(), 'headPosition');
        if (existing.length === 0) expect(head).toBeNull();
        else expect(head).toBe(existing.at(-1)!.position);
        const result = await append(uniqueStream(), testEvents(2));
        expect(await withTimeout(store.headPosition(), 'headPosition')).toBe(result.position);
        const [newest] = await readAll({ direction: 'backwards', maxCount: 1 });
        expect(newest.position).toBe(result.position);
      });
    });

    describe('reading all streams', () => {
      let prefix: string;
      let all: RecordedEvent[];
      beforeEach(async () => {
        prefix = uniquePrefix();
        await append(`${prefix}-orders-1`, [testEvent('OrderPlaced'), testEvent('OrderShipped')]);
        await append(`${prefix}-users-1`, [testEvent('UserRegistered')]);
        await append(`${prefix}-orders-2`, [testEvent('OrderPlaced')]);
        await append(`${prefix}-audit-1`, [testEvent('OrderShipped'), testEvent('UserRegistered')]);
        all = await readPrefix(prefix);
      });

      it('yields every stream in position order', async () => {
        expect(all.map((e) => `${e.stream.slice(prefix.length + 1)}:${e.type}`)).toEqual([
          'orders-1:OrderPlaced',
          'orders-1:OrderShipped',
          'users-1:UserRegistered',
          'orders-2:OrderPlaced',
          'audit-1:OrderShipped',
          'audit-1:UserRegistered',
        ]);
        const unfiltered = await readAll();
        expectStrictlyIncreasing(unfiltered.map((e) => e.position));
        expect(ids(unfiltered.filter((e) => e.stream.startsWith(prefix)))).toEqual(ids(all));
      });

      it('reads forwards from an inclusive fromPosition', async () => {
        const read = await readAll({ fromPosition: all[2].position, filter: { streamPrefixes: [prefix] } });
        expect(ids(read)).toEqual(ids(all.slice(2)));
      });

      it('reads backwards, from the head or from an inclusive fromPosition', async () => {
        const fromHead = await readAll({ direction: 'backwards', filter: { streamPrefixes: [prefix] } });
        expect(ids(fromHead)).toEqual(ids(all).reverse());
        const fromThird = await readAll({
          direction: 'backwards',
          fromPosition: all[2].position,
          filter: { streamPrefixes: [prefix] },
        });
        expect(ids(fromThird)).toEqual(ids(all.slice(0, 3)).reverse());
      });

      it('filters by stream prefix, keeping any of several prefixes', async () => {
        const orders = await readAll({ filter: { streamPrefixes: [`${prefix}-orders`] } });
        expect(orders.map((e) => e.stream)).toEqual([
          `${prefix}-orders-1`,
          `${prefix}-orders-1`,
          `${prefix}-orders-2`,
        ]);
        const either = await readAll({ filter: { streamPrefixes: [`${prefix}-users`, `${prefix}-audit`] } });
        expect(ids(either)).toEqual(ids([all[2], all[4], all[5]]));
      });

      it('filters by event type, keeping any of several types', async () => {
        const shipped = (await readAll({ filter: { eventTypes: ['OrderShipped'] } })).filter((e) =>
          e.stream.startsWith(prefix),
        );
        expect(ids(shipped)).toEqual(ids([all[1], all[4]]));
        const twoTypes = (
          await readAll({ filter: { eventTypes: ['OrderShipped', 'UserRegistered'] } })
        ).filter((e) => e.stream.startsWith(prefix));
        expect(ids(twoTypes)).toEqual(ids([all[1], all[2], all[4], all[5]]));
      });

      it('filters by stream prefix and event type together (both must match)', async () => {
        const read = await readAll({
          filter: { streamPrefixes: [`${prefix}-orders`], eventTypes: ['OrderPlaced'] },
        });
        expect(ids(read)).toEqual(ids([all[0], all[3]]));
      });

      it('counts maxCount among the events the filter keeps, in either direction', async () => {
        const forwards = await readAll({
          filter: { streamPrefixes: [prefix], eventTypes: ['OrderShipped'] },
          maxCount: 1,
        });
        expect(ids(forwards)).toEqual([all[1].id]);
        const backwards = await readAll({
          direction: 'backwards',
          filter: { streamPrefixes: [prefix], eventTypes: ['OrderPlaced', 'UserRegistered'] },
          maxCount: 2,
        });
        expect(ids(backwards)).toEqual(ids([all[5], all[3]]));
      });
    });

    describe('leaving an iteration early', () => {
      it('lets a reader break out of readStream and later appends still go through', async () => {
        const stream = uniqueStream();
        await append(stream, testEvents(10));
        const seen = await withTimeout(firstN(store.readStream(stream), 2), 'breaking out of readStream');
        expect(seen.map((e) => e.revision)).toEqual([0, 1]);
        await append(stream, [testEvent()], 9);
        expect(await readStream(stream)).toHaveLength(11);
      });

      it('lets a reader break out of readAll and later appends still go through', async () => {
        const prefix = uniquePrefix();
        for (let i = 0; i < 5; i++) await append(`${prefix}-${i}`, testEvents(3));
        const seen = await withTimeout(
          firstN(store.readAll({ filter: { streamPrefixes: [prefix] } }), 4),
          'break',
        );
        expect(seen).toHaveLength(4);
        await append(`${prefix}-0`, [testEvent()], 2);
        expect(await readPrefix(prefix)).toHaveLength(16);
      });

      it('is not blocked by abandoned iterators that were never finished nor returned', async () => {
        const prefix = uniquePrefix();
        for (let i = 0; i < 4; i++) await append(`${prefix}-${i}`, testEvents(30));
        const abandonedAll = store.readAll({ filter: { streamPrefixes: [prefix] } })[Symbol.asyncIterator]();
        const abandonedStream = store.readStream(`${prefix}-1`)[Symbol.asyncIterator]();
        expect((await withTimeout(abandonedAll.next(), 'first readAll step')).done).toBe(false);
        expect((await withTimeout(abandonedStream.next(), 'first readStream step')).done).toBe(false);
        const result = await append(`${prefix}-1`, [testEvent()], 29);
        expect(result.nextRevision).toBe(30);
        await append(uniqueStream(), testEvents(2), 'no_stream');
        expect(await readPrefix(prefix)).toHaveLength(121);
      });
    });

    describe('expected revision', () => {
      it('appends when a numeric expected revision matches the stream', async () => {
        const stream = uniqueStream();
        await append(stream, testEvents(2), 'no_stream');
        expect((await append(stream, [testEvent()], 1)).nextRevision).toBe(2);
      });

      it('rejects a stale numeric revision with stream, expected and actual, and writes nothing', async () => {
        const stream = uniqueStream();
        await append(stream, testEvents(3), 'no_stream');
        await expectConflict(stream, 1, 2);
      });

      it('rejects a numeric revision ahead of the stream', async () => {
        const stream = uniqueStream();
        await append(stream, testEvents(1), 'no_stream');
        await expectConflict(stream, 5, 0);
      });

      it("rejects a numeric revision on a stream that does not exist, with actual 'no_stream'", async () => {
        await expectConflict(uniqueStream(), 0, 'no_stream');
      });

      it("rejects 'no_stream' when the stream exists, with its current revision", async () => {
        const stream = uniqueStream();
        await append(stream, testEvents(2), 'no_stream');
        await expectConflict(stream, 'no_stream', 1);
      });

      it("rejects 'stream_exists' when the stream does not exist, and leaves it absent", async () => {
        const stream = uniqueStream();
        await expectConflict(stream, 'stream_exists', 'no_stream');
        expect(await readStream(stream)).toEqual([]);
      });

      it("accepts 'stream_exists' when the stream exists", async () => {
        const stream = uniqueStream();
        await append(stream, [testEvent()], 'no_stream');
        expect((await append(stream, [testEvent()], 'stream_exists')).nextRevision).toBe(1);
      });

      it("accepts 'any' whether or not the stream exists", async () => {
        const stream = uniqueStream();
        expect((await append(stream, [testEvent()], 'any')).nextRevision).toBe(0);
        expect((await append(stream, testEvents(2), 'any')).nextRevision).toBe(2);
      });

      it('gives the conflict a stable code and the event-store error base', async () => {
        const stream = uniqueStream();
        await append(stream, [testEvent()]);
        const error = await rejectionOf('stale append', () =>
          store.appendToStream(stream, [testEvent()], { expectedRevision: 'no_stream' }),
        );
        expect(error).toBeInstanceOf(EventStoreError);
        expect(error).toMatchObject({
          code: 'EVENT_STORE.WRONG_EXPECTED_REVISION',
          name: 'WrongExpectedRevisionError',
        });
        expect((error as Error).message).toContain(stream);
      });

      async function expectConflict(
        stream: string,
        expected: ExpectedRevision,
        actual: number | 'no_stream',
      ) {
        const before = await readAll();
        const error = await rejectionOf(`append expecting ${String(expected)}`, () =>
          store.appendToStream(stream, testEvents(2), { expectedRevision: expected }),
        );
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({
          code: 'EVENT_STORE.WRONG_EXPECTED_REVISION',
          stream,
          expected,
          actual,
        });
        expect(ids(await readAll())).toEqual(ids(before));
      }
    });

    describe('idempotent retries', () => {
      it('answers the original result when a numeric-revision append is retried, and writes once', async () => {
        const stream = uniqueStream();
        await append(stream, testEvents(2), 'no_stream');
        const event = testEvent();
        const first = await append(stream, [event], 1);
        const before = await readAll();
        expect(await append(stream, [event], 1)).toEqual(first);
        expect(ids(await readAll())).toEqual(ids(before));
        expect(await readStream(stream)).toHaveLength(3);
      });

      it("answers the original result when a 'no_stream' first event is retried", async () => {
        const stream = uniqueStream();
        const event = testEvent();
        const first = await append(stream, [event], 'no_stream');
        expect(await append(stream, [event], 'no_stream')).toEqual(first);
        expect(ids(await readStream(stream))).toEqual([event.id]);
      });

      it("answers the original result when an 'any' append is retried at once", async () => {
        const stream = uniqueStream();
        await append(stream, testEvents(2), 'any');
        const event = testEvent();
        const first = await append(stream, [event], 'any');
        expect(await append(stream, [event], 'any')).toEqual(first);
        expect(ids(await readStream(stream)).filter((id) => id === event.id)).toHaveLength(1);
        expect(await readStream(stream)).toHaveLength(3);
      });

      it('answers the original result when a batch of several events is retried', async () => {
        const stream = uniqueStream();
        const batch = testEvents(4);
        const first = await append(stream, batch, 'no_stream');
        expect(first.nextRevision).toBe(3);
        expect(await append(stream, batch, 'no_stream')).toEqual(first);
        const next = testEvents(3);
        const second = await append(stream, next, 3);
        expect(await append(stream, next, 3)).toEqual(second);
        expect(ids(await readStream(stream))).toEqual(ids([...batch, ...next]));
      });

      it('still answers the original result when the stream has moved on since', async () => {
        const stream = uniqueStream();
        const event = testEvent();
        const first = await append(stream, [event], 'no_stream');
        const batch = testEvents(2);
        const second = await append(stream, batch, 0);
        await append(stream, testEvents(2), 2);
        expect(await append(stream, [event], 'no_stream')).toEqual(first);
        expect(await append(stream, batch, 0)).toEqual(second);
        expect(await readStream(stream)).toHaveLength(5);
      });

      it('rejects an event id already in the stream at another place, and writes nothing', async () => {
        const stream = uniqueStream();
        const event = testEvent();
        await append(stream, [event], 'no_stream');
        await append(stream, [testEvent()], 0);
        const error = await rejectionOf('re-append at another place', () =>
          store.appendToStream(stream, [event], { expectedRevision: 1 }),
        );
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(error).toMatchObject({ code: 'EVENT_STORE.DUPLICATE_EVENT_ID', stream, eventId: event.id });
        expect(await readStream(stream)).toHaveLength(2);
      });

      it('writes once when the same append is retried concurrently, and answers every caller alike', async () => {
        const stream = uniqueStream();
        const batch = testEvents(2);
        const results = await withTimeout(
          Promise.all(
            Array.from({ length: 5 }, () =>
              store.appendToStream(stream, batch, { expectedRevision: 'no_stream' }),
            ),
          ),
          'concurrent retries',
        );
        expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
        expect(ids(await readStream(stream))).toEqual(ids(batch));
      });
    });

    describe('concurrent appends', () => {
      it('lets exactly one of 20 appends with the same numeric revision win; the rest conflict', async () => {
        const stream = uniqueStream();
        await append(stream, [testEvent()], 'no_stream');
        await expectOneWinner(stream, 0, 1);
      });

      it("lets exactly one of 20 'no_stream' appends create the stream; the rest conflict", async () => {
        await expectOneWinner(uniqueStream(), 'no_stream', 0);
      });

      it("keeps each batch whole and in order when 20 'any' appends race on one stream", async () => {
        const stream = uniqueStream();
        const batches = Array.from({ length: 20 }, () => testEvents(3));
        const results = await withTimeout(
          Promise.all(
            batches.map((batch) => store.appendToStream(stream, batch, { expectedRevision: 'any' })),
          ),
          'racing any-appends',
        );
        const read = await readStream(stream);
        expect(read.map((e) => e.revision)).toEqual(Array.from({ length: 60 }, (_, i) => i));
        expectStrictlyIncreasing(read.map((e) => e.position));
        batches.forEach((batch, i) => {
          const at = read.findIndex((e) => e.id === batch[0].id);
          expect(ids(read.slice(at, at + 3))).toEqual(ids(batch));
          expect(results[i]).toEqual({
            nextRevision: read[at + 2].revision,
            position: read[at + 2].position,
          });
        });
      });

      it('accepts concurrent appends to different streams and gives them distinct positions', async () => {
        const prefix = uniquePrefix();
        const results = await withTimeout(
          Promise.all(
            Array.from({ length: 20 }, (_, i) =>
              store.appendToStream(`${prefix}-${i}`, testEvents(2), { expectedRevision: 'no_stream' }),
            ),
          ),
          'concurrent appends to different streams',
        );
        expect(new Set(results.map((r) => r.position)).size).toBe(20);
        expect(results.every((r) => r.nextRevision === 1)).toBe(true);
        const all = await readPrefix(prefix);
        expect(all).toHaveLength(40);
        expectStrictlyIncreasing(all.map((e) => e.position));
      });

      async function expectOneWinner(stream: string, expected: ExpectedRevision, winnerRevision: number) {
        const contenders = Array.from({ length: 20 }, () => testEvent());
        const settled = await withTimeout(
          Promise.allSettled(
            contenders.map((e) => store.appendToStream(stream, [e], { expectedRevision: expected })),
          ),
          'racing appends',
        );
        const winners = settled.flatMap((s, i) =>
          s.status === 'fulfilled' ? [{ event: contenders[i], result: s.value }] : [],
        );
        const losers = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
        expect(winners).toHaveLength(1);
        expect(winners[0].result.nextRevision).toBe(winnerRevision);
        expect(losers).toHaveLength(19);
        for (const loser of losers) {
          expect(loser).toBeInstanceOf(WrongExpectedRevisionError);
          expect(loser).toMatchObject({ stream, expected, actual: winnerRevision });
        }
        const read = await readStream(stream);
        expect(read).toHaveLength(winnerRevision + 1);
        expect(read.at(-1)!.id).toBe(winners[0].event.id);
      }
    });

    describe('round-trips', () => {
      it('returns metadata exactly as given, extra keys included', async () => {
        const stream = uniqueStream();
        const metadata = testMetadata({
          actor: 'system:reminders',
          recordedAt: '2024-02-29T23:59:59.999Z',
          schemaVersion: 3,
          // Not `hash`/`previousHash`: the audit library's hash chain owns those names.
          sourceDigest: 'sha256:9f86d081884c7d659a2feaa0c55ad015',
          replacedBy: null,
          chain: { index: 7, algorithm: 'sha256', witnesses: ['a', 'b'] },
          retried: false,
          weight: 0.25,
        });
        await append(stream, [{ id: testEvent().id, type: 'MetadataKept', data: {}, metadata }]);
        const [read] = await readStream(stream);
        expect(read.metadata).toStrictEqual(metadata);
      });

      it('returns data exactly as given: nested objects, arrays, unicode, escapes and numbers', async () => {
        const stream = uniqueStream();
        const data = {
          text: 'Ærøskøbing — 北京 — مرحبا — 👩🏽‍⚕️ — café vs cafe\u0301',
          escapes: 'quote " backslash \\ newline \n tab \t nul \u0000 end',
          numbers: {
            zero: 0,
            negative: -42,
            float: 0.1 + 0.2,
            tiny: 5e-324,
            huge: 1.5e300,
            maxSafe: Number.MAX_SAFE_INTEGER,
            minSafe: Number.MIN_SAFE_INTEGER,
          },
          nested: { a: { b: { c: [1, { d: [true, false, null] }, 'x'] } } },
          empty: { object: {}, array: [], string: '' },
          'key with spaces and ü': 'ok',
          '': 'empty key',
        };
        const event = testEvent('DataKept', data);
        await append(stream, [event]);
        const [read] = await readStream(stream);
        expect(read.data).toStrictEqual(data);
        expect(read).toStrictEqual({ ...event, stream, revision: 0, position: read.position });
      });

      it('returns data that is a JSON array, string, number, boolean or null', async () => {
        const stream = uniqueStream();
        const values: unknown[] = [[1, 'two', { three: 3 }], 'just text', 12.5, true, null];
        await append(
          stream,
          values.map((value) => testEvent('ScalarKept', value)),
        );
        expect((await readStream(stream)).map((e) => e.data)).toStrictEqual(values);
      });

      it('keeps history immutable: changing what was appended or read does not change the store', async () => {
        const stream = uniqueStream();
        const event = testEvent('Kept', { list: [1, 2], inner: { name: 'before' } });
        await append(stream, [event]);
        (event.data.list as number[]).push(3);
        (event.metadata as Record<string, unknown>).actor = 'mutated';
        const [first] = await readStream(stream);
        (first.data as { inner: { name: string } }).inner.name = 'mutated';
        first.metadata.authority = 'mutated';
        const [again] = await readStream(stream);
        expect(again.data).toStrictEqual({ list: [1, 2], inner: { name: 'before' } });
        expect(again.metadata.actor).toBe('user:test-officer');
        expect(again.metadata.authority).toBe('la:test-borough');
      });
    });

    describe('invalid appends', () => {
      const circular: Record<string, unknown> = { name: 'loop' };
      circular.self = circular;

      type Case = [string, RegExp, () => { events: unknown[]; expectedRevision?: unknown; stream?: string }];
      const cases: Case[] = [
        ['an empty stream name', /stream/i, () => ({ stream: '', events: [testEvent()] })],
        ['an empty events array', /empty|no events|at least one/i, () => ({ events: [] })],
        ['BigInt data', /data|json/i, () => ({ events: [testEvent('Bad', { amount: BigInt(10) })] })],
        ['data holding a function', /data|json/i, () => ({ events: [testEvent('Bad', { run: () => 1 })] })],
        ['a function as data', /data|json/i, () => ({ events: [testEvent('Bad', () => 1)] })],
        ['circular data', /data|json|circular/i, () => ({ events: [testEvent('Bad', circular)] })],
        [
          'metadata that is not JSON',
          /metadata|json/i,
          () => ({ events: [testEvent('Bad', {}, { extra: BigInt(1) })] }),
        ],
        [
          "the revision '3' as a string",
          /revision/i,
          () => ({ events: [testEvent()], expectedRevision: '3' }),
        ],
        ['the revision -2', /revision/i, () => ({ events: [testEvent()], expectedRevision: -2 })],
        ['the revision 1.5', /revision/i, () => ({ events: [testEvent()], expectedRevision: 1.5 })],
        [
          'an unknown revision keyword',
          /revision/i,
          () => ({ events: [testEvent()], expectedRevision: 'latest' }),
        ],
        ['an event without an id', /\bid\b/i, () => ({ events: [without(testEvent(), 'id')] })],
        [
          'an event whose id is not a uuid',
          /\bid\b|uuid/i,
          () => ({ events: [{ ...testEvent(), id: 'order-1' }] }),
        ],
        ['an event without a type', /type/i, () => ({ events: [without(testEvent(), 'type')] })],
        ['an event with an empty type', /type/i, () => ({ events: [{ ...testEvent(), type: '' }] })],
        ['an event without metadata', /metadata/i, () => ({ events: [without(testEvent(), 'metadata')] })],
        [
          'a batch whose second event is bad',
          /data|json/i,
          () => ({ events: [testEvent(), testEvent('Bad', { amount: BigInt(1) }), testEvent()] }),
        ],
      ];

      it.each(cases)(
        'rejects %s with InvalidAppendError and writes nothing',
        async (_name, message, build) => {
          const existing = uniqueStream();
          await append(existing, [testEvent()], 'no_stream');
          const before = await readAll();
          const input = build();
          const stream = input.stream ?? existing;
          const options =
            'expectedRevision' in input
              ? { expectedRevision: input.expectedRevision as ExpectedRevision }
              : undefined;
          const error = await rejectionOf('invalid append', () =>
            store.appendToStream(stream, input.events as NewEvent[], options),
          );
          expect(error).toBeInstanceOf(InvalidAppendError);
          expect(error).toMatchObject({ code: 'EVENT_STORE.INVALID_APPEND' });
          expect((error as Error).message).toMatch(message);
          expect(ids(await readAll())).toEqual(ids(before));
          expect(await readStream(existing)).toHaveLength(1);
        },
      );
    });

    describe('subscribing to all: catch-up then live', () => {
      it("delivers past events, then caughtUp once, then live events, from 'start'", async () => {
        const prefix = uniquePrefix();
        await append(`${prefix}-a`, testEvents(3));
        await append(`${prefix}-b`, testEvents(2));
        const past = await readPrefix(prefix);
        const sub = record(
          store.subscribeToAll({ fromPosition: 'start', filter: { streamPrefixes: [prefix] } }),
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
          store.subscribeToAll({ fromPosition: past[4].position, filter: { streamPrefixes: [stream] } }),
        );
        const messages = await sub.waitFor('caughtUp', (m) => m.some(isCaughtUp));
        expect(ids(eventsOf(messages))).toEqual(ids(past.slice(5)));
      });

      it('delivers nothing before caughtUp when subscribed from the head position', async () => {
        const stream = uniqueStream();
        const { position } = await append(stream, testEvents(3));
        const sub = record(
          store.subscribeToAll({ fromPosition: position, filter: { streamPrefixes: [stream] } }),
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
          store.subscribeToAll({ fromPosition: 'end', filter: { streamPrefixes: [prefix] } }),
        );
        await sub.waitFor('caughtUp', (m) => m.some(isCaughtUp));
        const fresh = testEvents(3);
        await append(`${prefix}-a`, fresh.slice(0, 2));
        await append(`${prefix}-b`, fresh.slice(2));
        const messages = await sub.waitFor('new events', (m) =>
          eventsOf(m).some((e) => e.id === fresh[2].id),
        );
        expect(ids(eventsOf(messages))).toEqual(ids(fresh));
      });

      it("delivers an event appended right after subscribing from 'end', without waiting", async () => {
        const stream = uniqueStream();
        await append(stream, testEvents(2));
        const sub = record(
          store.subscribeToAll({ fromPosition: 'end', filter: { streamPrefixes: [stream] } }),
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
        const sub = record(store.subscribeToAll({ filter: filterBoth }));
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
          record(store.subscribeToAll({ fromPosition: 'start', filter: { streamPrefixes: [prefix] } })),
        ];
        const writing = runWriters(store, prefix, 5, 80, progress);
        writing.catch(() => undefined);
        await withTimeout(progress.reached(120), 'writers reaching 120 events');
        subs.push(record(store.subscribeToAll({ filter: { streamPrefixes: [prefix] } })));
        await withTimeout(progress.reached(260), 'writers reaching 260 events');
        subs.push(
          record(store.subscribeToAll({ fromPosition: 'start', filter: { streamPrefixes: [prefix] } })),
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
        const sub = record(store.subscribeToAll({ filter: { streamPrefixes: [stream] } }));
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
          store.subscribeToAll({ filter: { streamPrefixes: [prefix], eventTypes: ['Wanted'] } }),
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
        const sub = record(store.subscribeToAll({ filter: filterWanted }));
        const lastExcluded = all.at(-1)!;
        const messages = await sub.waitFor('a checkpoint past the excluded tail', (m) =>
          m.some((x) => x.type === 'checkpoint' && x.position >= lastExcluded.position),
        );
        sub.stop();
        expect(ids(eventsOf(messages))).toEqual(ids(wanted));
        const stored = lastCheckpoint(messages)!;
        const fresh = [testEvent('Wanted'), testEvent('Wanted')];
        await append(`${prefix}-late`, fresh);
        const resumed = record(store.subscribeToAll({ fromPosition: stored, filter: filterWanted }));
        await resumed.waitFor('the fresh events', (m) => eventsOf(m).length >= 2);
        await delay(QUIET_MS);
        expect(ids(eventsOf(resumed.messages))).toEqual(ids(fresh));
      });

      it('delivers exactly the rest when a consumer resumes from its stored checkpoint', async () => {
        const prefix = uniquePrefix();
        const { wanted } = await appendInterleaved(prefix);
        const filterWanted = { streamPrefixes: [prefix], eventTypes: ['Wanted'] };
        const first = record(store.subscribeToAll({ filter: filterWanted }));
        const early = await first.waitFor('the first 7 events', (m) => eventsOf(m).length >= 7);
        first.stop();
        const consumed = eventsOf(early).slice(0, 7);
        const seventh = early.findIndex((m) => m.type === 'event' && m.event.id === consumed[6].id);
        const stored = lastCheckpoint(early.slice(0, seventh + 1))!;
        const more = testEvents(4, 'Wanted');
        await append(`${prefix}-more`, more);
        const second = record(store.subscribeToAll({ fromPosition: stored, filter: filterWanted }));
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
  });
}

/** Records a subscription's messages so a test can wait, with a deadline, for what it expects. */
class Recorder {
  readonly messages: SubscriptionMessage[] = [];
  private readonly changes = new BehaviorSubject<number>(0);
  private readonly subscription: Subscription;

  constructor(source: Observable<SubscriptionMessage>) {
    this.subscription = source.subscribe({
      next: (message) => {
        this.messages.push(message);
        this.changes.next(this.messages.length);
      },
      error: (error: unknown) => this.changes.error(error),
      complete: () => this.changes.complete(),
    });
  }

  waitFor(
    what: string,
    done: (messages: SubscriptionMessage[]) => boolean,
    ms = LIVE_MS,
  ): Promise<SubscriptionMessage[]> {
    return firstValueFrom(
      this.changes.pipe(
        filter(() => done(this.messages)),
        map(() => [...this.messages]),
        timeout({
          first: ms,
          with: () =>
            throwError(() => new Error(`${what}: not seen within ${ms} ms; got ${summarize(this.messages)}`)),
        }),
      ),
    );
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}

/** Lets a test wait until concurrent writers have appended a number of events. */
class Progress {
  private count = 0;
  private readonly counts = new BehaviorSubject<number>(0);
  add(n: number): void {
    this.count += n;
    this.counts.next(this.count);
  }
  reached(n: number): Promise<number> {
    return firstValueFrom(this.counts.pipe(filter((c) => c >= n)));
  }
}

async function runWriters(
  store: EventStore,
  prefix: string,
  writers: number,
  perWriter: number,
  progress: Progress,
) {
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let written = 0, round = 0; written < perWriter; round++) {
        const batch = testEvents(Math.min(1 + (round % 3), perWriter - written), `Written${w}`);
        await store.appendToStream(`${prefix}-w${w}-s${round % 4}`, batch, { expectedRevision: 'any' });
        written += batch.length;
        progress.add(batch.length);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }),
  );
}

function withTimeout<T>(work: Promise<T>, what: string, ms = STEP_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function collect<T>(iterable: AsyncIterable<T>, what: string): Promise<T[]> {
  const run = async () => {
    const out: T[] = [];
    for await (const item of iterable) out.push(item);
    return out;
  };
  return withTimeout(run(), what);
}

async function firstN<T>(iterable: AsyncIterable<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) {
    out.push(item);
    if (out.length === n) break;
  }
  return out;
}

/** The rejection of an append that must fail; a synchronous throw or a resolution fails the test. */
async function rejectionOf(what: string, run: () => Promise<unknown>): Promise<unknown> {
  let pending: Promise<unknown>;
  try {
    pending = run();
  } catch (error) {
    throw new Error(`${what} threw synchronously instead of returning a rejected promise: ${String(error)}`);
  }
  return withTimeout(
    pending.then(
      (value) => {
        throw new Error(`${what} resolved with ${JSON.stringify(value)} but should have been rejected`);
      },
      (error: unknown) => error,
    ),
    what,
  );
}

function without<T extends object>(value: T, key: keyof T): Partial<T> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

function ids(events: readonly { id: string }[]): string[] {
  return events.map((e) => e.id);
}

function eventsOf(messages: readonly SubscriptionMessage[]): RecordedEvent[] {
  return messages.flatMap((m) => (m.type === 'event' ? [m.event] : []));
}

function isCaughtUp(message: SubscriptionMessage): boolean {
  return message.type === 'caughtUp';
}

/** What a consumer would store: the position of the last event or checkpoint it handled. */
function lastCheckpoint(messages: readonly SubscriptionMessage[]): Position | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.type === 'event') return m.event.position;
    if (m.type === 'checkpoint') return m.position;
  }
  return undefined;
}

function expectStrictlyIncreasing(positions: readonly number[]): void {
  const backwards = positions.flatMap((p, i) =>
    i > 0 && p <= positions[i - 1] ? [`${positions[i - 1]} then ${p}`] : [],
  );
  expect(backwards).toEqual([]);
}

function summarize(messages: readonly SubscriptionMessage[]): string {
  const events = eventsOf(messages);
  const caughtUp = messages.filter(isCaughtUp).length;
  const checkpoints = messages.filter((m) => m.type === 'checkpoint').length;
  const last = events.at(-1)?.position ?? 'none';
  return `${events.length} event(s) (last position ${last}), ${caughtUp} caughtUp, ${checkpoints} checkpoint(s)`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
