import type { ExpectedRevision } from '../port/event-store.port';
import { DuplicateEventIdError, EventStoreError, WrongExpectedRevisionError } from '../port/errors';
import { testEvent, testEvents, uniquePrefix, uniqueStream } from './test-events';
import type { ContractContext } from './context.contract';
import { expectStrictlyIncreasing, ids, rejectionOf, withTimeout } from './support.contract';

/** Expected revisions, idempotent retries and concurrent appends. */
export function writingContract(c: ContractContext): void {
  const { append, readStream, readAll, readPrefix } = c;

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
        c.store().appendToStream(stream, [testEvent()], { expectedRevision: 'no_stream' }),
      );
      expect(error).toBeInstanceOf(EventStoreError);
      expect(error).toMatchObject({
        code: 'EVENT_STORE.WRONG_EXPECTED_REVISION',
        name: 'WrongExpectedRevisionError',
      });
      expect((error as Error).message).toContain(stream);
    });

    async function expectConflict(stream: string, expected: ExpectedRevision, actual: number | 'no_stream') {
      const before = await readAll();
      const error = await rejectionOf(`append expecting ${String(expected)}`, () =>
        c.store().appendToStream(stream, testEvents(2), { expectedRevision: expected }),
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
        c.store().appendToStream(stream, [event], { expectedRevision: 1 }),
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
            c.store().appendToStream(stream, batch, { expectedRevision: 'no_stream' }),
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
          batches.map((batch) => c.store().appendToStream(stream, batch, { expectedRevision: 'any' })),
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
            c.store().appendToStream(`${prefix}-${i}`, testEvents(2), { expectedRevision: 'no_stream' }),
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
          contenders.map((e) => c.store().appendToStream(stream, [e], { expectedRevision: expected })),
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
}
