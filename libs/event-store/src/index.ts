export * from './port/event-store.port';
export * from './port/errors';
export { MemoryEventStore } from './adapters/memory/memory-event-store';
export { SqliteEventStore, type SqliteEventStoreOptions } from './adapters/sqlite/sqlite-event-store';
export { WalCheckpointer, type WalCheckpointerOptions } from './adapters/sqlite/wal-checkpointer';
export { ReadModelFile, type ReadModelFileOptions } from './adapters/sqlite/read-model-file';
export { EsdbEventStore, type EsdbEventStoreOptions } from './adapters/esdb/esdb-event-store';
export { matchesFilter } from './support/filter';
export {
  CheckpointedRunner,
  CatchUpTimeoutError,
  type CheckpointedModel,
} from './support/checkpointed-runner';
export {
  EventStoreModule,
  EVENT_STORE,
  createEventStore,
  type EventStoreConfig,
} from './nest/event-store.module';
