/**
 * The shared contract against a real EventStoreDB/KurrentDB server: `npm run test:esdb` with
 * EVENTSTORE_CONNECTION_STRING set (e.g. esdb://localhost:2113?tls=false, from
 * docker/docker-compose.yml). Matched only by that script's --testRegex, so `npm test` never sees it.
 * Every contract test works in streams of its own, so a server with other data in it is fine.
 */
import { EsdbEventStore } from '@trustworks/event-store';
import { eventStoreContract } from '@trustworks/event-store/contract/event-store.contract';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
if (!connectionString) {
  throw new Error('test:esdb needs EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false).');
}

eventStoreContract('esdb, against a real EventStoreDB server', async () => {
  const store = EsdbEventStore.connect({ connectionString });
  return { store, teardown: () => store.close() };
});
