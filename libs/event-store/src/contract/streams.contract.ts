import type { AppendResult, NewEvent } from '../port/event-store.port';
import { StoreUnavailableError } from '../port/errors';
import { testEvent, testEvents, uniquePrefix, uniqueStream } from './test-events';
import type { ContractContext } from './context.contract';
import { expectStrictlyIncreasing, ids, rejectionOf, withTimeout } from './support.contract';

/** Identity, appending to and reading one stream, and global positions. */
export function streamContract(c: ContractContext): void {
  const { append, readStream, readAll, readPrefix } = c;

  describe('identity and lifecycle', () => {
    it('names its kind', () => {
      expect(typeof c.store().kind).toBe('string');
      expect(c.store().kind.length).toBeGreaterThan(0);
    });

    it('refuses appends once closed with StoreUnavailableError', async () => {
      await withTimeout(c.store().close(), 'closing');
      const error = await rejectionOf('append after close', () =>
        c.store().appendToStream(uniqueStream(), [testEvent()], { expectedRevision: 'no_stream' }),
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
      await withTimeout(c.store().appendToStream(stream, [testEvent()]), 'append without options');
      await withTimeout(c.store().appendToStream(stream, [testEvent()], {}), 'append with empty options');
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
      const head = await withTimeout(c.store().headPosition(), 'headPosition');
      if (existing.length === 0) expect(head).toBeNull();
      else expect(head).toBe(existing.at(-1)!.position);
      const result = await append(uniqueStream(), testEvents(2));
      expect(await withTimeout(c.store().headPosition(), 'headPosition')).toBe(result.position);
      const [newest] = await readAll({ direction: 'backwards', maxCount: 1 });
      expect(newest.position).toBe(result.position);
    });
  });
}
