import { eventStoreContract } from '../../contract/event-store.contract';
import { reportsWritesContract } from '../../contract/reports-writes.contract';
import { MemoryEventStore } from './memory-event-store';

eventStoreContract('memory', async () => {
  const store = new MemoryEventStore();
  return { store, teardown: () => store.close() };
});

reportsWritesContract('memory', () => new MemoryEventStore());
