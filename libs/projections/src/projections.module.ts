import { type DynamicModule, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@trustworks/event-store';
import { CLOCK, systemClock } from '@trustworks/platform';
import { Projector } from './application/projector';
import { ProjectionRunner } from './application/projection-runner';
import { RAG_THRESHOLDS, ReadModelQueries } from './application/read-model-queries';
import { DEFAULT_THRESHOLDS, type RagThresholds } from './domain/timeline';
import { ReadModelsController } from './features/read-models.controller';
import { ProjectionDb } from './store/projection-db';

export interface ProjectionsConfig {
  /** `<DATA_DIR>/projections.sqlite`, or ':memory:' beside a memory event store. */
  databasePath: string;
  thresholds?: Partial<RagThresholds>;
}

/** Read models kept current from the event store, in their own SQLite file, with checkpoints. */
@Module({})
export class ProjectionsModule implements OnApplicationShutdown {
  constructor(@Inject(Projector) private readonly projector: Projector) {}

  static forRoot(config: ProjectionsConfig): DynamicModule {
    return {
      module: ProjectionsModule,
      controllers: [ReadModelsController],
      providers: [
        {
          provide: Projector,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) =>
            new Projector(
              store,
              ProjectionDb.open(config.databasePath, {
                checkpointInBackground: true,
                onProblem: (message) => new Logger('Projections').warn(message),
              }),
            ),
        },
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE, Projector],
          useFactory: (store: EventStore, projector: Projector) => new ProjectionRunner(store, projector),
        },
        { provide: RAG_THRESHOLDS, useValue: { ...DEFAULT_THRESHOLDS, ...config.thresholds } },
        { provide: CLOCK, useValue: systemClock },
        ReadModelQueries,
      ],
      exports: [Projector, ReadModelQueries],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.db.shutdown();
  }
}

/** `projections.sqlite` beside a file-based event store; in memory beside any other. */
export function projectionsDatabasePath(eventStore: object): string {
  const dataDir = (eventStore as { dataDir?: unknown }).dataDir;
  return typeof dataDir === 'string' ? join(dataDir, 'projections.sqlite') : ':memory:';
}
