import { Observable } from 'rxjs';
import type { EventStore, ExpectedRevision, NewEvent, SubscriptionMessage } from '../port/event-store.port';
import type { ContractContext } from './context.contract';
import { dataContract } from './data.contract';
import { readingAllContract } from './reading-all.contract';
import { streamContract } from './streams.contract';
import { subscriptionContract } from './subscriptions.contract';
import { Recorder, collect, withTimeout } from './support.contract';
import { writingContract } from './writing.contract';

export type EventStoreFactory = () => Promise<{ store: EventStore; teardown: () => Promise<void> }>;

/*
 * The shared contract every event-store adapter passes. It tests only what the port promises, so an
 * adapter over EventStoreDB runs it unchanged: positions are compared, never assumed contiguous, and
 * every test works in its own streams, so a store shared between tests is fine too. Every wait is
 * bounded, so a broken adapter fails a test instead of hanging the run.
 */

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

    const context: ContractContext = { store: () => store, record, append, readStream, readAll, readPrefix };
    streamContract(context);
    readingAllContract(context);
    writingContract(context);
    dataContract(context);
    subscriptionContract(context);
  });
}
