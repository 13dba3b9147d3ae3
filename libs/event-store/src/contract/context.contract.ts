import type { Observable } from 'rxjs';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscriptionMessage,
} from '../port/event-store.port';
import type { Recorder } from './support.contract';

/** What each part of the contract gets: the store under test (fresh per test) and bounded helpers. */
export interface ContractContext {
  store(): EventStore;
  record(source: Observable<SubscriptionMessage>): Recorder;
  append(
    stream: string,
    events: readonly NewEvent[],
    expectedRevision?: ExpectedRevision,
  ): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  readPrefix(prefix: string): Promise<RecordedEvent[]>;
}
