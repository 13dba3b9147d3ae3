import type { EventStore } from '../port/event-store.port';
import type { ReportsWrites } from '../support/reports-writes';
import { collectAll, testEvents, uniqueStream } from './test-events';

/**
 * For the adapters that can say whether an append wrote (SQLite, memory; EventStoreDB cannot): the
 * hash chain's tail cache and the command path's fold trust `written`, so it must be exact.
 */
export function reportsWritesContract(adapterName: string, open: () => EventStore & ReportsWrites): void {
  describe(`appendReportingWrite: ${adapterName}`, () => {
    it('says it wrote a new append, and did not write an idempotent retry of it', async () => {
      const store = open();
      const stream = uniqueStream();
      const events = testEvents(2);
      const first = await store.appendReportingWrite(stream, events, { expectedRevision: 'no_stream' });
      expect(first).toEqual({ nextRevision: 1, position: expect.any(Number), written: true });
      const retry = await store.appendReportingWrite(stream, events, { expectedRevision: 'no_stream' });
      expect(retry).toEqual({ ...first, written: false });
      expect(await store.appendToStream(stream, events)).toEqual({
        nextRevision: first.nextRevision,
        position: first.position,
      });
      expect(await collectAll(store.readStream(stream))).toHaveLength(2);
    });
  });
}
