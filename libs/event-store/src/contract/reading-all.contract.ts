import type { RecordedEvent } from '../port/event-store.port';
import { testEvent, testEvents, uniquePrefix, uniqueStream } from './test-events';
import type { ContractContext } from './context.contract';
import { expectStrictlyIncreasing, firstN, ids, withTimeout } from './support.contract';

/** Reading all streams, and leaving an iteration early. */
export function readingAllContract(c: ContractContext): void {
  const { append, readStream, readAll, readPrefix } = c;

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
      const twoTypes = (await readAll({ filter: { eventTypes: ['OrderShipped', 'UserRegistered'] } })).filter(
        (e) => e.stream.startsWith(prefix),
      );
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
      const seen = await withTimeout(firstN(c.store().readStream(stream), 2), 'breaking out of readStream');
      expect(seen.map((e) => e.revision)).toEqual([0, 1]);
      await append(stream, [testEvent()], 9);
      expect(await readStream(stream)).toHaveLength(11);
    });

    it('lets a reader break out of readAll and later appends still go through', async () => {
      const prefix = uniquePrefix();
      for (let i = 0; i < 5; i++) await append(`${prefix}-${i}`, testEvents(3));
      const seen = await withTimeout(
        firstN(c.store().readAll({ filter: { streamPrefixes: [prefix] } }), 4),
        'break',
      );
      expect(seen).toHaveLength(4);
      await append(`${prefix}-0`, [testEvent()], 2);
      expect(await readPrefix(prefix)).toHaveLength(16);
    });

    it('is not blocked by abandoned iterators that were never finished nor returned', async () => {
      const prefix = uniquePrefix();
      for (let i = 0; i < 4; i++) await append(`${prefix}-${i}`, testEvents(30));
      const abandonedAll = c
        .store()
        .readAll({ filter: { streamPrefixes: [prefix] } })
        [Symbol.asyncIterator]();
      const abandonedStream = c.store().readStream(`${prefix}-1`)[Symbol.asyncIterator]();
      expect((await withTimeout(abandonedAll.next(), 'first readAll step')).done).toBe(false);
      expect((await withTimeout(abandonedStream.next(), 'first readStream step')).done).toBe(false);
      const result = await append(`${prefix}-1`, [testEvent()], 29);
      expect(result.nextRevision).toBe(30);
      await append(uniqueStream(), testEvents(2), 'no_stream');
      expect(await readPrefix(prefix)).toHaveLength(121);
    });
  });
}
