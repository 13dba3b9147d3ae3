import { type DynamicModule, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import type { EventStore } from '../port/event-store.port';
import { MemoryEventStore } from '../adapters/memory/memory-event-store';
import { SqliteEventStore } from '../adapters/sqlite/sqlite-event-store';
import { EsdbEventStore } from '../adapters/esdb/esdb-event-store';

/** The injection token for the one event-store port. */
export const EVENT_STORE = Symbol('EVENT_STORE');

export type EventStoreConfig =
  | { kind: 'sqlite'; dataDir: string; synchronous: 'FULL' | 'NORMAL' }
  | { kind: 'memory' }
  /** EventStoreDB/KurrentDB; TLS, credentials and cluster nodes are all in the connection string. */
  | { kind: 'esdb'; connectionString: string };

export function createEventStore(config: EventStoreConfig): EventStore {
  switch (config.kind) {
    case 'sqlite':
      return SqliteEventStore.open({
        path: join(config.dataDir, 'trustworks.sqlite'),
        synchronous: config.synchronous,
        checkpointInBackground: true,
        onProblem: (message) => new Logger('EventStore').warn(message),
      });
    case 'memory':
      return new MemoryEventStore();
    case 'esdb':
      return EsdbEventStore.connect({ connectionString: config.connectionString });
    default: {
      const _exhaustive: never = config;
      throw new Error(`Unknown event store ${JSON.stringify(_exhaustive)}`);
    }
  }
}

@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  private readonly logger = new Logger('EventStore');

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** `decorate` wraps the adapter once (e.g. the audit library's hash chain) before anyone injects it. */
  static forRoot(
    config: EventStoreConfig,
    decorate: (store: EventStore) => EventStore = (s) => s,
  ): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [{ provide: EVENT_STORE, useFactory: () => decorate(createEventStore(config)) }],
      exports: [EVENT_STORE],
    };
  }

  /** Runs after the HTTP server stopped taking requests: appends already accepted are finished first. */
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.logger.log(`${this.store.kind} event store closed`);
  }
}
